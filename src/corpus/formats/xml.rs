//! A thin layer over `quick_xml` for the Office parts: events with their nesting depth
//! checked (a file nested deeper than [`limits::XML_DEPTH`] is refused), text and entity
//! references resolved, attributes looked up by local name. quick-xml expands no entities of
//! its own DTD, so an entity bomb stays a few bytes.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{limits, FormatError};

pub(crate) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    kind: &'static str,
}

/// What the Office extractors need of an XML event.
pub(crate) enum Ev<'a> {
    /// An element opened (`empty`: self-closing, no `End` follows).
    Start { e: BytesStart<'a>, empty: bool },
    /// An element closed: its local name.
    End(Vec<u8>),
    /// Character data, entities resolved.
    Text(Cow<'a, str>),
}

impl<'a> Xml<'a> {
    pub(crate) fn new(bytes: &'a [u8], kind: &'static str) -> Xml<'a> {
        let mut reader = Reader::from_reader(bytes);
        reader.config_mut().check_end_names = false;
        Xml {
            reader,
            depth: 0,
            kind,
        }
    }

    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    pub(crate) fn next(&mut self) -> Result<Option<Ev<'a>>, FormatError> {
        loop {
            let ev = self
                .reader
                .read_event()
                .map_err(|e| FormatError::corrupt(self.kind, format!("bad XML: {e}")))?;
            return Ok(Some(match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > limits::XML_DEPTH {
                        return Err(FormatError::corrupt(
                            self.kind,
                            format!("XML nested deeper than {} levels", limits::XML_DEPTH),
                        ));
                    }
                    Ev::Start { e, empty: false }
                }
                Event::Empty(e) => Ev::Start { e, empty: true },
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End(e.local_name().as_ref().to_vec())
                }
                Event::Text(t) => {
                    Ev::Text(t.decode().map_err(|e| FormatError::corrupt(self.kind, e))?)
                }
                Event::CData(t) => {
                    Ev::Text(t.decode().map_err(|e| FormatError::corrupt(self.kind, e))?)
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => {
                            let name =
                                r.decode().map_err(|e| FormatError::corrupt(self.kind, e))?;
                            quick_xml::escape::resolve_xml_entity(&name).map(str::to_string)
                        }
                    };
                    match resolved {
                        Some(s) => Ev::Text(Cow::Owned(s)),
                        None => continue,
                    }
                }
                Event::Eof => return Ok(None),
                _ => continue,
            }));
        }
    }

    /// Skips to the end of the element just opened (not self-closing).
    pub(crate) fn skip(&mut self) -> Result<(), FormatError> {
        let until = self.depth - 1;
        while self.depth > until {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }
}

/// An attribute by local name (`w:val` → `val`), unescaped.
pub(crate) fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
}

pub(crate) fn local(e: &BytesStart) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused() {
        let xml = "<a>".repeat(limits::XML_DEPTH + 1);
        let mut x = Xml::new(xml.as_bytes(), "DOCX");
        let err = loop {
            match x.next() {
                Ok(Some(_)) => continue,
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert!(err.to_string().contains("nested deeper"), "{err}");
    }

    #[test]
    fn entities_and_char_refs_resolve() {
        let mut x = Xml::new("<t>一&amp;&#x4E8C;&lt;</t>".as_bytes(), "DOCX");
        let mut s = String::new();
        while let Some(ev) = x.next().unwrap() {
            if let Ev::Text(t) = ev {
                s.push_str(&t);
            }
        }
        assert_eq!(s, "一&二<");
    }
}
