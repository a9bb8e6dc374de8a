//! The contact data in force for readers of the stored filing outside the aggregate (the
//! outbox): the filing's petitioner with the case's rectifications applied (Ley 1581 de 2012
//! art. 8 lit. a; [`super::rectify`] records them).

use pqrs_domain::contact::Petitioner;
use pqrs_domain::pqr::PqrEvent;
use serde_json::Value;
use sqlx::{AnyConnection, Row};

/// Puts the case's rectifications into `petitioner` (read on `conn`, opened with the case's
/// key): for readers of the stored filing outside the aggregate, such as the outbox, so the
/// next e-mail goes to the address in force.
pub async fn apply_rectifications(
    conn: &mut AnyConnection,
    radicado: &str,
    petitioner: &mut Petitioner,
) -> Result<(), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT sequence, payload FROM events WHERE aggregate_type = 'Pqr' \
         AND aggregate_id = $1 AND event_type = 'PetitionerContactRectified' ORDER BY sequence",
    )
    .bind(radicado.to_owned())
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        let sequence: i64 = row.try_get(0)?;
        let payload: String = row.try_get(1)?;
        let Ok(mut payload) = serde_json::from_str::<Value>(&payload) else {
            continue;
        };
        super::open_on(
            conn,
            radicado,
            sequence,
            "PetitionerContactRectified",
            &mut payload,
        )
        .await?;
        if let Ok(PqrEvent::PetitionerContactRectified(e)) = serde_json::from_value(payload) {
            e.apply_to(petitioner);
        }
    }
    Ok(())
}
