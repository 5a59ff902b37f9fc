//! Penn Treebank parse trees (the `<Parse>` content of PETR XML, as printed
//! by Stanford CoreNLP) read into an arena.
//!
//! ```text
//! (ROOT (S (NP (NNP Arnor)) (VP (VBZ is) …) (. .)))
//! ( (S (NP (DT The) (NN stopover)) …))          # CoreNLP's unlabelled root
//! ```
//!
//! The reader is a single pass with an explicit stack, so it is linear in
//! the input and a tree nested 100,000 deep reads (and drops) without
//! recursion.

use std::fmt;

/// Index of a node in its [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A node: a labelled phrase with children, or a pre-terminal with a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The label (`NP`, `VBD`, `-LRB-`); empty for CoreNLP's unlabelled root.
    pub label: String,
    /// Child phrases, in order (empty for a pre-terminal).
    pub children: Vec<NodeId>,
    /// The word of a pre-terminal (`(NN stopover)`).
    pub word: Option<Leaf>,
    /// The enclosing node (`None` for the root).
    pub parent: Option<NodeId>,
    /// Byte offset of the node's `(` in the parse text.
    pub offset: usize,
}

/// A word and its 0-based position among the sentence's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The token as printed (`-LRB-` for `(`, `` `` `` for an opening quote).
    pub text: String,
    /// 0-based token index.
    pub index: usize,
}

/// A parse tree in an arena; nodes are in the order their `(` appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    nodes: Vec<Node>,
    words: usize,
}

/// A malformed parse: what is wrong and where (byte offset in the parse text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset} of the parse: {message}")]
pub struct TreeError {
    /// Byte offset within the parse text.
    pub offset: usize,
    /// What was expected.
    pub message: String,
}

impl Tree {
    /// Reads one bracketed tree. Whitespace (including newlines) separates
    /// tokens; anything but blanks after the tree's closing `)` is an error.
    pub fn parse(text: &str) -> Result<Tree, TreeError> {
        let err = |offset: usize, message: String| Err(TreeError { offset, message });
        let bytes = text.as_bytes();
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut expect_label = false;
        let mut words = 0usize;
        let mut closed = false;
        let mut i = 0usize;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if closed {
                return err(
                    i,
                    "text after the end of the tree (unbalanced parentheses: too many `)`?)".into(),
                );
            }
            match b {
                b'(' => {
                    let parent = stack.last().copied();
                    if let Some(p) = parent {
                        let pn = &nodes[p as usize];
                        if let Some(w) = &pn.word {
                            return err(i, format!("`(` after the word `{}` of `({}`: a node has either a word or phrases", w.text, pn.label));
                        }
                    }
                    let id = u32::try_from(nodes.len()).map_err(|_| TreeError {
                        offset: i,
                        message: "tree too large".into(),
                    })?;
                    nodes.push(Node {
                        label: String::new(),
                        children: Vec::new(),
                        word: None,
                        parent: parent.map(NodeId),
                        offset: i,
                    });
                    if let Some(p) = parent {
                        nodes[p as usize].children.push(NodeId(id));
                    }
                    stack.push(id);
                    expect_label = true;
                    i += 1;
                }
                b')' => {
                    let Some(id) = stack.pop() else {
                        return err(i, "`)` without a matching `(`".into());
                    };
                    let n = &nodes[id as usize];
                    if n.children.is_empty() && n.word.is_none() {
                        let what = if n.label.is_empty() {
                            "empty node `()`".to_string()
                        } else {
                            format!("node `({}` has no word and no phrases", n.label)
                        };
                        return err(n.offset, what);
                    }
                    expect_label = false;
                    if stack.is_empty() {
                        closed = true;
                    }
                    i += 1;
                }
                _ => {
                    let start = i;
                    while i < bytes.len()
                        && !bytes[i].is_ascii_whitespace()
                        && bytes[i] != b'('
                        && bytes[i] != b')'
                    {
                        i += 1;
                    }
                    let tok = &text[start..i];
                    let Some(&id) = stack.last() else {
                        return err(
                            start,
                            format!("expected `(` to start the tree, found `{tok}`"),
                        );
                    };
                    let n = &mut nodes[id as usize];
                    if expect_label {
                        n.label = tok.to_string();
                        expect_label = false;
                    } else if !n.children.is_empty() {
                        return err(start, format!("word `{tok}` among the phrases of `({}`: a node has either a word or phrases", n.label));
                    } else if let Some(w) = &n.word {
                        return err(
                            start,
                            format!("second word `{tok}` in `({} {}`", n.label, w.text),
                        );
                    } else {
                        n.word = Some(Leaf {
                            text: tok.to_string(),
                            index: words,
                        });
                        words += 1;
                    }
                }
            }
        }
        if let Some(&open) = stack.last() {
            let n = &nodes[open as usize];
            return err(
                bytes.len(),
                format!(
                    "{} `(` never closed (innermost `({}` opened at byte {})",
                    stack.len(),
                    n.label,
                    n.offset
                ),
            );
        }
        if nodes.is_empty() {
            return err(0, "empty parse: expected a bracketed tree".into());
        }
        Ok(Tree { nodes, words })
    }

    /// The root node (the outermost bracket).
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// A node by id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    /// All nodes in document order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Number of words (leaves).
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// The words in sentence order.
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        // Document order of pre-terminals is sentence order.
        self.nodes
            .iter()
            .filter_map(|n| n.word.as_ref().map(|w| w.text.as_str()))
    }

    /// The pre-terminal nodes (tag + word) in sentence order.
    pub fn leaves(&self) -> impl Iterator<Item = (NodeId, &Node)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.word.is_some())
            .map(|(i, n)| (NodeId(i as u32), n))
    }

    /// Depth of the deepest node (the root has depth 0).
    pub fn depth(&self) -> usize {
        // Parents precede children in the arena, so one forward pass suffices.
        let mut d = vec![0usize; self.nodes.len()];
        let mut max = 0;
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(p) = n.parent {
                d[i] = d[p.0 as usize] + 1;
                max = max.max(d[i]);
            }
        }
        max
    }
}

impl fmt::Display for Tree {
    /// One-line bracketed form: `(ROOT (S (NP (NNP Arnor)) …))`; reading it
    /// back gives an equal tree (offsets aside).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Explicit stack of (node, next child index) so deep trees print safely.
        let mut stack: Vec<(u32, usize)> = vec![(0, 0)];
        while let Some(top) = stack.last_mut() {
            let (id, next) = (top.0, top.1);
            let n = &self.nodes[id as usize];
            if next == 0 {
                f.write_str("(")?;
                f.write_str(&n.label)?;
                if let Some(w) = &n.word {
                    f.write_str(" ")?;
                    f.write_str(&w.text)?;
                }
            }
            if next < n.children.len() {
                top.1 += 1;
                f.write_str(" ")?;
                stack.push((n.children[next].0, 0));
            } else {
                f.write_str(")")?;
                stack.pop();
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_prints() {
        let t = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)) (. .)))").unwrap();
        assert_eq!(t.word_count(), 3);
        assert_eq!(t.words().collect::<Vec<_>>(), ["Arnor", "is", "."]);
        assert_eq!(
            t.to_string(),
            "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)) (. .)))"
        );
        let u = Tree::parse("( (S (NP (DT The)) ) )").unwrap();
        assert_eq!(u.node(u.root()).label, "");
        assert_eq!(Tree::parse(&u.to_string()).unwrap().words().count(), 1);
    }
}
