//! Issue 15 (mail helper): the petitioner withdraws the consent to e-mail.

use super::*;

fn filed_by(petitioner: Option<Petitioner>) -> PqrEvent {
    let consent = petitioner.is_some();
    let cmd = file("2026-11-23T09:00:00-05:00", petitioner, consent);
    PqrEvent::PqrFiled(Pqr::default().decide_filing(cmd, &services()).unwrap())
}

fn withdraw(d: &str) -> PqrCommand {
    PqrCommand::WithdrawNotificationConsent(WithdrawNotificationConsent { at: on(d) })
}

#[test]
fn a_petitioner_with_an_email_withdraws_once_even_after_the_answer() {
    let mut history = vec![filed_by(Some(ana())), answered_on("2026-12-01")];
    let events = run(&mut history, withdraw("2026-12-02"));
    assert_eq!(
        events,
        vec![PqrEvent::NotificationConsentWithdrawn(
            NotificationConsentWithdrawn {
                at: on("2026-12-02")
            }
        )]
    );
    assert_eq!(
        case_after(&history).notification_consent_withdrawn_at,
        Some(on("2026-12-02"))
    );
    let again = replay(&history).decide(withdraw("2026-12-03"), &services());
    assert_eq!(again, Err(PqrError::NotificationConsentAlreadyWithdrawn));
    assert!(PqrError::NotificationConsentAlreadyWithdrawn.is_state_conflict());
}

#[test]
fn without_an_email_there_is_nothing_to_withdraw() {
    let history = vec![filed_by(None)];
    let refused = replay(&history).decide(withdraw("2026-11-24"), &services());
    assert_eq!(refused, Err(PqrError::NoEmailToStop));
    assert!(PqrError::NoEmailToStop.is_state_conflict());
}
