//! Sentence splitting for clause leaves and forum posts: at `.`, `!` or `?`
//! followed by a space and a capital, digit, quote or bracket, but not after
//! abbreviations (`e.g.`, `U.S.`, `No.`), initials, or inside brackets and quotes.

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "no", "nos", "inc", "ltd", "co", "corp", "st", "dr", "mr", "mrs",
    "ms", "jr", "sr", "u.s", "u.k", "approx", "sec", "fig", "art", "para", "cf", "al", "p", "pp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "v",
];

/// Splits `text` into sentences, each trimmed; the pieces joined by spaces give back the text.
#[must_use]
pub fn split_sentences(text: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    let mut in_quote = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '"' => in_quote = !in_quote,
            '\u{201c}' => in_quote = true,
            '\u{201d}' => in_quote = false,
            _ => {}
        }
        if !matches!(c, '.' | '!' | '?') || depth > 0 {
            continue;
        }
        // Closing quotes or brackets right after the stop belong to this sentence.
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\u{201d}' | '\'' | '\u{2019}' | ')') {
            if chars[j].1 == '"' || chars[j].1 == '\u{201d}' {
                in_quote = false;
            }
            j += 1;
        }
        if in_quote {
            continue;
        }
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            continue;
        }
        let mut n = j;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        let Some(&(_, next)) = chars.get(n) else {
            continue;
        };
        let opens = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '\u{201c}' | '(' | '\'' | '\u{2018}');
        if !opens || (c == '.' && is_abbreviation(&text[start..i])) {
            continue;
        }
        let end = chars.get(j).map_or(text.len(), |&(idx, _)| idx);
        push(&mut out, &text[start..end]);
        start = chars[n].0;
    }
    push(&mut out, &text[start..]);
    out
}

fn push(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_owned());
    }
}

/// Whether the word before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .trim_start_matches(['"', '\u{201c}']);
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter (an initial, or `A.` of an answer) or a dotted acronym.
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && word.chars().all(|c| c.is_uppercase() || c == '.'))
        || word.contains('.') && letters <= 3 && !word.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_abbreviations() {
        assert_eq!(
            split_sentences(
                "You may use data (e.g. ImageNet). However, you must post it. See Section 2.8."
            ),
            vec![
                "You may use data (e.g. ImageNet).",
                "However, you must post it.",
                "See Section 2.8."
            ]
        );
        assert_eq!(
            split_sentences("Residents of the U.S. may enter. \"Data\" means data."),
            vec!["Residents of the U.S. may enter.", "\"Data\" means data."]
        );
        assert_eq!(
            split_sentences("Q: Can I use it? A: Yes. It is fine."),
            vec!["Q: Can I use it?", "A: Yes.", "It is fine."]
        );
        assert_eq!(
            split_sentences("External Data (\"ED\"). You may."),
            vec!["External Data (\"ED\").", "You may."]
        );
    }
}
