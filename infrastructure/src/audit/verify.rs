//! Verifying the hash chain: every event recomputed in position order, and a broken place
//! diagnosed (modified, moved, inserted or deleted; docs/audit.md).

use super::*;
use crate::db::Db;
use crate::error::StoreError;
use crate::ledger::{self, StoredEvent, GENESIS_HASH};
use serde::{Deserialize, Serialize};

/// A position and hash known from earlier (a digest): the log must still contain them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The head position at the time.
    pub position: i64,
    /// The hash of the event at that position.
    pub hash: String,
}

/// What kind of tampering a finding shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// An event's content no longer matches its hash, or its hash was recomputed.
    Modified,
    /// An event is missing (a gap in positions, or later events renumbered).
    Removed,
    /// An event that the ledger did not write is in the log.
    Inserted,
    /// Events are not in the order they were recorded in.
    Reordered,
    /// The end of the log is gone (relative to the ledger head or to an earlier digest).
    Truncated,
    /// The `ledger_head` row does not match the last event.
    HeadMismatch,
    /// The digest checked against is not signed by the entity's key (its signature does not
    /// verify, or it verifies with another key): whoever made it may have rewritten the log.
    Signature,
}

/// The first thing wrong with the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The position where the log first goes wrong.
    pub position: i64,
    /// What is wrong.
    pub kind: FindingKind,
    /// In words: what was found there.
    pub detail: String,
}

/// The result of a verification. A failed verification is a report with `ok: false`, not an
/// error: errors are for a store that cannot be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Whether the whole log verified (and matched the checkpoint, if one was given).
    pub ok: bool,
    /// Events whose hash was recomputed.
    pub checked: i64,
    /// The last position verified.
    pub last_position: i64,
    /// The hash at that position.
    pub last_hash: String,
    /// The `ledger_head` row at the end of the walk.
    pub head_position: i64,
    /// Its hash.
    pub head_hash: String,
    /// The checkpoint checked, if any.
    pub checkpoint: Option<Checkpoint>,
    /// The first problem, when `ok` is false.
    pub finding: Option<Finding>,
    /// Given a digest: whether it is signed by the entity's configured key (`None` when no
    /// digest was given or no key is configured, so the signer could not be checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by_entity_key: Option<bool>,
}

fn recompute(e: &StoredEvent, position: i64) -> String {
    ledger::chain_hash(&e.prev_hash, position, &e.event, &e.recorded_at)
}

/// The position an event was recorded at, if its content is intact and it is near `p` but
/// not at `p`.
pub(super) fn recorded_position(e: &StoredEvent, p: i64) -> Option<i64> {
    (p.saturating_sub(WINDOW).max(1)..=p.saturating_add(WINDOW))
        .filter(|q| *q != p)
        .find(|q| recompute(e, *q) == e.hash)
}

/// Names what went wrong at `e`, the first event that fails (expected at `expected`, after an
/// event with hash `prev` and one before it with `prev2`).
async fn diagnose(
    db: &Db,
    e: &StoredEvent,
    expected: i64,
    prev: &str,
    prev2: Option<&str>,
    head_position: i64,
) -> Result<Finding, StoreError> {
    let p = e.position;
    if p > expected {
        let missing = if p - expected == 1 {
            format!("position {expected} is missing")
        } else {
            format!("positions {expected} to {} are missing", p - 1)
        };
        return Ok(Finding {
            position: expected,
            kind: FindingKind::Removed,
            detail: format!("{missing}: the next event in the log is at position {p}"),
        });
    }
    let content_ok = recompute(e, p) == e.hash;
    if content_ok {
        // Intact itself but not linked to its predecessor.
        if prev2 == Some(e.prev_hash.as_str()) {
            return Ok(Finding {
                position: p - 1,
                kind: FindingKind::Inserted,
                detail: format!(
                    "position {p} links to position {}: the event at position {} was inserted",
                    p - 2,
                    p - 1
                ),
            });
        }
        return Ok(Finding {
            position: p - 1,
            kind: FindingKind::Modified,
            detail: format!(
                "position {p} does not link to position {}: the event at position {} was \
                 changed and its hash recomputed (its original hash was {})",
                p - 1,
                p - 1,
                e.prev_hash
            ),
        });
    }
    if p > head_position {
        return Ok(Finding {
            position: p,
            kind: FindingKind::Inserted,
            detail: format!(
                "the event at position {p} is beyond the ledger head ({head_position}) and its \
                 hash does not match its content: it was written outside the ledger"
            ),
        });
    }
    let window = page(db, p, Some(p + WINDOW), WINDOW).await?;
    match recorded_position(e, p) {
        Some(q) if q < p => Ok(Finding {
            position: q,
            kind: FindingKind::Inserted,
            detail: format!(
                "the event at position {p} was recorded at position {q}: {} event(s) were \
                 inserted at position {q}{} and the later events renumbered",
                p - q,
                if p - q > 1 {
                    format!(" to {}", p - 1)
                } else {
                    String::new()
                }
            ),
        }),
        Some(q) => {
            let moved = window.iter().find(|w| recompute(w, p) == w.hash);
            Ok(match moved {
                Some(w) => Finding {
                    position: p,
                    kind: FindingKind::Reordered,
                    detail: format!(
                        "position {p} holds the event recorded at position {q}, and the event \
                         recorded at position {p} is now at position {}",
                        w.position
                    ),
                },
                None => Finding {
                    position: p,
                    kind: FindingKind::Removed,
                    detail: format!(
                        "position {p} holds the event recorded at position {q}: the event(s) \
                         recorded at positions {p} to {} were removed and the later events \
                         renumbered",
                        q - 1
                    ),
                },
            })
        }
        None => {
            let next_was_here = window
                .first()
                .is_some_and(|w| w.position == p + 1 && recompute(w, p) == w.hash);
            if next_was_here {
                Ok(Finding {
                    position: p,
                    kind: FindingKind::Inserted,
                    detail: format!(
                        "the event at position {p} was inserted: the event now at position {} \
                         was recorded at position {p}",
                        p + 1
                    ),
                })
            } else {
                let link = if e.prev_hash == prev {
                    ""
                } else {
                    " (and its link to the previous event was changed too)"
                };
                Ok(Finding {
                    position: p,
                    kind: FindingKind::Modified,
                    detail: format!(
                        "the event at position {p} ({} {} #{}) does not match its hash: its \
                         payload, metadata or another recorded field was changed{link}",
                        e.event.event_type, e.event.aggregate_id, e.event.sequence
                    ),
                })
            }
        }
    }
}

/// Walks the whole log in position order, recomputing every hash and link, then checks the
/// `ledger_head` row and, if given, that the log still holds `checkpoint` (an earlier digest).
/// Stops at the first problem. `progress(last_position, head_position)` is called after each
/// page. Memory is one page of events.
#[tracing::instrument(name = "audit.verify", skip(db, progress))]
pub async fn verify(
    db: &Db,
    checkpoint: Option<&Checkpoint>,
    mut progress: impl FnMut(i64, i64),
) -> Result<VerifyReport, StoreError> {
    let (start_head, _) = head(db).await?;
    let mut last = 0_i64;
    let mut last_hash = GENESIS_HASH.to_owned();
    let mut prev2: Option<String> = None;
    let mut checked = 0_i64;
    let mut checkpoint_seen = false;
    let report = |finding: Option<Finding>,
                  checked: i64,
                  last: i64,
                  last_hash: String,
                  head: (i64, String)| VerifyReport {
        ok: finding.is_none(),
        checked,
        last_position: last,
        last_hash,
        head_position: head.0,
        head_hash: head.1,
        checkpoint: checkpoint.cloned(),
        finding,
        signed_by_entity_key: None,
    };
    let mut next: Option<NextPage> = None;
    loop {
        let rows = match next.take() {
            Some(next) => next.rows().await?,
            None => page(db, last, None, PAGE).await?,
        };
        if rows.is_empty() {
            // The end of what is committed; appends may have landed meanwhile, so the head is
            // read after the last page: a legitimate head is never behind committed events.
            let now_head = head(db).await?;
            if now_head.0 > last && !page(db, last, None, 1).await?.is_empty() {
                continue;
            }
            let finding =
                end_finding(db, last, &last_hash, &now_head, checkpoint, checkpoint_seen).await?;
            progress(last, now_head.0);
            return Ok(report(finding, checked, last, last_hash, now_head));
        }
        // The store reads the next page while this one is hashed; dropped unread if this page
        // ends the walk.
        next = rows.last().map(|e| NextPage::read(db, e.position));
        for e in rows {
            let expected = last + 1;
            if e.position != expected
                || e.prev_hash != last_hash
                || recompute(&e, e.position) != e.hash
            {
                let h = head(db).await?;
                let finding = diagnose(db, &e, expected, &last_hash, prev2.as_deref(), h.0).await?;
                return Ok(report(Some(finding), checked, last, last_hash, h));
            }
            if let Some(cp) = checkpoint {
                if cp.position == e.position {
                    checkpoint_seen = true;
                    if cp.hash != e.hash {
                        let h = head(db).await?;
                        let finding = Finding {
                            position: cp.position,
                            kind: FindingKind::Truncated,
                            detail: format!(
                                "the digest says position {} has hash {}, the log has {}: the \
                                 log was cut at or before position {} and rewritten",
                                cp.position, cp.hash, e.hash, cp.position
                            ),
                        };
                        return Ok(report(Some(finding), checked, last, last_hash, h));
                    }
                }
            }
            checked += 1;
            last = e.position;
            prev2 = Some(std::mem::replace(&mut last_hash, e.hash));
        }
        progress(last, start_head.max(last));
    }
}

/// The page after a position, read by a task of its own (aborted if never awaited).
struct NextPage(tokio::task::JoinHandle<Result<Vec<StoredEvent>, StoreError>>);

impl NextPage {
    fn read(db: &Db, after: i64) -> NextPage {
        let db = db.clone();
        NextPage(tokio::spawn(
            async move { page(&db, after, None, PAGE).await },
        ))
    }

    async fn rows(mut self) -> Result<Vec<StoredEvent>, StoreError> {
        match (&mut self.0).await {
            Ok(rows) => rows,
            Err(e) => Err(StoreError::Unavailable(format!(
                "the page reader stopped: {e}"
            ))),
        }
    }
}

impl Drop for NextPage {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The checks at the end of the walk: the head row and the checkpoint.
async fn end_finding(
    db: &Db,
    last: i64,
    last_hash: &str,
    head: &(i64, String),
    checkpoint: Option<&Checkpoint>,
    checkpoint_seen: bool,
) -> Result<Option<Finding>, StoreError> {
    let (head_position, head_hash) = head;
    if *head_position > last {
        return Ok(Some(Finding {
            position: last + 1,
            kind: FindingKind::Truncated,
            detail: format!(
                "the ledger head is at position {head_position} but the log ends at position \
                 {last}: positions {} to {head_position} were removed",
                last + 1
            ),
        }));
    }
    if *head_position < last {
        // Never legitimate: the head moves in the same transaction as the events it covers.
        let first_beyond = event_at(db, head_position + 1)
            .await?
            .map_or(last, |e| e.position);
        return Ok(Some(Finding {
            position: first_beyond,
            kind: FindingKind::Inserted,
            detail: format!(
                "the log goes on to position {last} but the ledger head is at {head_position}: \
                 the events after position {head_position} were written outside the ledger"
            ),
        }));
    }
    if head_hash != last_hash {
        return Ok(Some(Finding {
            position: last,
            kind: FindingKind::HeadMismatch,
            detail: format!(
                "the ledger head says position {last} has hash {head_hash}, the event there has \
                 {last_hash}"
            ),
        }));
    }
    if let Some(cp) = checkpoint {
        if !checkpoint_seen && cp.position > last {
            return Ok(Some(Finding {
                position: last + 1,
                kind: FindingKind::Truncated,
                detail: format!(
                    "the digest covers the log up to position {}, but it now ends at position \
                     {last}: positions {} to {} were removed (and the ledger head rolled back)",
                    cp.position,
                    last + 1,
                    cp.position
                ),
            }));
        }
        if cp.position < 0 || (cp.position == 0 && cp.hash != GENESIS_HASH) {
            return Ok(Some(Finding {
                position: 0,
                kind: FindingKind::Truncated,
                detail: "the digest names no valid position".into(),
            }));
        }
    }
    Ok(None)
}
