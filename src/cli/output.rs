//! Terminal output helpers: whether to use colour, highlighting of matched words,
//! and counted nouns (`1 post`, `2 posts`).

use std::io::IsTerminal;
use std::ops::Range;

/// Whether standard output gets ANSI colour (a terminal, and `NO_COLOR` unset).
#[must_use]
pub(crate) fn stdout_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Whether standard error is a terminal (progress bars, prompts).
#[must_use]
pub(crate) fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// `fragment` with the `highlighted` byte ranges in bold yellow (colour) or `[…]` (plain).
#[must_use]
pub(crate) fn highlight(fragment: &str, highlighted: &[Range<usize>], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(fragment.len() + highlighted.len() * 8);
    let mut at = 0;
    for r in highlighted {
        if r.start < at
            || r.end > fragment.len()
            || !fragment.is_char_boundary(r.start)
            || !fragment.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&fragment[at..r.start]);
        out.push_str(open);
        out.push_str(&fragment[r.start..r.end]);
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&fragment[at..]);
    out.replace('\n', " ")
}

/// Bold (colour) or plain.
#[must_use]
pub(crate) fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

/// `1 post`, `3 posts`.
pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_highlight_brackets_words() {
        assert_eq!(
            highlight("use external data here", &[(4..12), (13..17)], false),
            "use [external] [data] here"
        );
    }
}
