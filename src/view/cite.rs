//! How a passage is cited: its heading path (`一、… › （一）…`) and the line
//! `——《title》，heading path` under a copied passage or a quoted bookmark.

use crate::corpus::Speech;

/// Between the steps of a heading path.
pub const PATH_SEPARATOR: &str = " › ";

/// The labels of heading `h` and the headings above it, outermost first; none without one.
pub fn heading_labels(s: &Speech, h: Option<usize>) -> Vec<String> {
    h.map(|h| {
        s.heading_path(h)
            .into_iter()
            .map(|i| s.heading_label(i))
            .collect()
    })
    .unwrap_or_default()
}

/// A heading path as one line of text.
pub fn heading_path(labels: &[String]) -> String {
    labels.join(PATH_SEPARATOR)
}

/// `——《title》，heading path`, or `——《title》` when the passage is under no heading.
pub fn citation(title: &str, labels: &[String]) -> String {
    let mut cite = format!("——《{title}》");
    if !labels.is_empty() {
        cite.push('，');
        cite.push_str(&heading_path(labels));
    }
    cite
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_with_and_without_a_heading_path() {
        assert_eq!(citation("讲话", &[]), "——《讲话》");
        let path = ["一、总体要求".to_string(), "（一）提高站位".to_string()];
        assert_eq!(
            citation("讲话", &path),
            "——《讲话》，一、总体要求 › （一）提高站位"
        );
    }
}
