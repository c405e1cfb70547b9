//! Kaggle credentials, found where Kaggle's own tools look, in this order:
//! `KAGGLE_API_TOKEN` (the token, or the path of a file holding it);
//! `KAGGLE_USERNAME` with `KAGGLE_KEY`; then in the config folder
//! (`KAGGLE_CONFIG_DIR`, else `~/.kaggle`) the file `access_token`, then
//! `kaggle.json` (`{"username": …, "key": …}`). A token is sent as `Bearer`, a
//! key as `Basic`. Nothing here prints or stores a secret: messages name the
//! place a credential came from, never its value.

use std::path::{Path, PathBuf};

use crate::crawl::{Credential, Secret};
use crate::error::{Error, Result};

/// The token variable (value or file path).
pub const TOKEN_ENV: &str = "KAGGLE_API_TOKEN";
/// The legacy user-name variable.
pub const USERNAME_ENV: &str = "KAGGLE_USERNAME";
/// The legacy key variable.
pub const KEY_ENV: &str = "KAGGLE_KEY";
/// Overrides the config folder (`~/.kaggle`).
pub const CONFIG_DIR_ENV: &str = "KAGGLE_CONFIG_DIR";

/// A credential and where it came from (for messages).
#[derive(Debug, Clone)]
pub struct Found {
    /// What to send.
    pub credential: Credential,
    /// `KAGGLE_API_TOKEN`, `KAGGLE_USERNAME/KAGGLE_KEY`, or a file path.
    pub origin: String,
}

/// Where the credentials go, for every message about them.
#[must_use]
pub fn where_to_put_them(config_dir: Option<&Path>) -> String {
    let dir = config_dir.map_or_else(|| "~/.kaggle".to_owned(), |d| d.display().to_string());
    format!(
        "set {TOKEN_ENV} to an API token (kaggle.com > Settings > API > Generate New Token), or set {USERNAME_ENV} and {KEY_ENV}, or put {{\"username\": \"…\", \"key\": \"…\"}} in {dir}/kaggle.json (chmod 600)"
    )
}

/// The config folder: `KAGGLE_CONFIG_DIR`, else `$HOME/.kaggle`.
#[must_use]
pub fn config_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |k: &str| {
        env(k)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    set(CONFIG_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|h| Path::new(&h).join(".kaggle")))
}

/// Finds a credential; none anywhere is an error that says where to put one.
pub fn find(env: &dyn Fn(&str) -> Option<String>) -> Result<Found> {
    let set = |k: &str| {
        env(k)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let dir = config_dir(env);
    if let Some(token) = set(TOKEN_ENV) {
        let path = Path::new(&token);
        if path.is_file() {
            let t = read_trimmed(path)?;
            return token_from(&t, &path.display().to_string(), dir.as_deref());
        }
        return token_from(&token, TOKEN_ENV, dir.as_deref());
    }
    match (set(USERNAME_ENV), set(KEY_ENV)) {
        (Some(user), Some(key)) => {
            return Ok(Found {
                credential: Credential::Basic {
                    user,
                    key: Secret::new(key),
                },
                origin: format!("{USERNAME_ENV}/{KEY_ENV}"),
            });
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(missing(
                &format!("only one of {USERNAME_ENV} and {KEY_ENV} is set"),
                dir.as_deref(),
            ));
        }
        (None, None) => {}
    }
    if let Some(d) = &dir {
        let token_file = d.join("access_token");
        if token_file.is_file() {
            let t = read_trimmed(&token_file)?;
            return token_from(&t, &token_file.display().to_string(), dir.as_deref());
        }
        let json = d.join("kaggle.json");
        if json.is_file() {
            return key_file(&json, dir.as_deref());
        }
    }
    Err(missing("no Kaggle API credentials found", dir.as_deref()))
}

fn token_from(token: &str, origin: &str, dir: Option<&Path>) -> Result<Found> {
    if token.is_empty() || token.chars().any(char::is_whitespace) {
        return Err(missing(
            &format!("the token in {origin} is empty or holds spaces"),
            dir,
        ));
    }
    Ok(Found {
        credential: Credential::Bearer(Secret::new(token)),
        origin: origin.to_owned(),
    })
}

fn key_file(path: &Path, dir: Option<&Path>) -> Result<Found> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |why: &str| missing(&format!("{}: {why}", path.display()), dir);
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| bad("not valid JSON"))?;
    let field = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match (field("username"), field("key")) {
        (Some(user), Some(key)) => Ok(Found {
            credential: Credential::Basic {
                user,
                key: Secret::new(key),
            },
            origin: path.display().to_string(),
        }),
        _ => Err(bad("needs both \"username\" and \"key\"")),
    }
}

fn read_trimmed(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map(|t| t.trim().to_owned())
        .map_err(|e| Error::io(path, e))
}

fn missing(problem: &str, dir: Option<&Path>) -> Error {
    Error::KaggleCredentials {
        problem: problem.to_owned(),
        fix: where_to_put_them(dir),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn order_and_messages() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().to_str().expect("utf-8");
        let none = find(&env_of(&[(CONFIG_DIR_ENV, dir)])).expect_err("nothing set");
        let msg = none.to_string();
        for name in [TOKEN_ENV, USERNAME_ENV, KEY_ENV, "kaggle.json"] {
            assert!(msg.contains(name), "{msg}");
        }
        std::fs::write(
            tmp.path().join("kaggle.json"),
            r#"{"username":"u","key":"k"}"#,
        )
        .expect("write");
        let f = find(&env_of(&[(CONFIG_DIR_ENV, dir)])).expect("file");
        assert!(matches!(f.credential, Credential::Basic { ref user, .. } if user == "u"));
        let f = find(&env_of(&[(CONFIG_DIR_ENV, dir), (TOKEN_ENV, "tok")])).expect("token");
        assert!(matches!(f.credential, Credential::Bearer(_)));
        assert_eq!(f.origin, TOKEN_ENV);
        let half = find(&env_of(&[(USERNAME_ENV, "u")])).expect_err("half");
        assert!(half.to_string().contains("only one"));
        assert!(!format!("{f:?}").contains("tok"), "secret in Debug output");
    }
}
