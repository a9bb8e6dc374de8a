use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn each_kind_has_its_term_under_both_regimes() {
    let book = PolicyBook::colombia();
    // (kind, Ley 1755 de 2015, Decreto 491 de 2020 art. 5)
    let table = [
        (Kind::Petition, 15, 30),
        (Kind::InformationRequest, 10, 20),
        (Kind::Consultation, 30, 35),
        (Kind::Complaint, 15, 30),
        (Kind::Claim, 15, 30),
        (Kind::Report, 15, 30),
        (Kind::Suggestion, 30, 30),
        (Kind::Commendation, 30, 30),
    ];
    for (kind, ordinary, emergency) in table {
        for on in ["2019-06-01", "2020-03-27", "2022-05-18", "2026-11-24"] {
            assert_eq!(
                book.in_force(d(on)).term(kind),
                Term::business(ordinary),
                "{kind:?} on {on}"
            );
        }
        for on in ["2020-03-28", "2021-01-15", "2022-05-17"] {
            assert_eq!(
                book.in_force(d(on)).term(kind),
                Term::business(emergency),
                "{kind:?} on {on}"
            );
        }
    }
}

#[test]
fn the_policies_are_identified_and_versioned_as_filings_record_them() {
    let book = PolicyBook::colombia();
    let ordinary = book.in_force(d("2026-11-24"));
    assert_eq!(ordinary.id, "ley-1755-2015");
    assert_eq!(ordinary.version, "ley-1755-2015@1");
    let emergency = book.in_force(d("2021-01-15"));
    assert_eq!(emergency.id, "decreto-491-2020");
    assert_eq!(emergency.version, "decreto-491-2020@1");
    assert_ne!(ordinary.fingerprint(), emergency.fingerprint());
    assert_eq!(
        book.period_in_force(d("2022-05-18")).legal_basis,
        "Ley 2207 de 2022 (repeals Decreto 491 de 2020 art. 5)"
    );
}

#[test]
fn cases_in_progress_on_2020_03_28_take_the_emergency_term() {
    let cal = Calendar::colombia();
    let book = PolicyBook::colombia();
    // Received Friday 2020-03-20, 15 days would end in April: in progress on the 28th.
    let t = book
        .term_for_case(&cal, Kind::Petition, d("2020-03-20"), d("2020-03-20"))
        .unwrap();
    assert_eq!(t.term, Term::business(30));
    assert_eq!(t.policy_id, "decreto-491-2020");
    assert_eq!(
        t.due_date,
        due_date(&cal, d("2020-03-20"), Term::business(30)).unwrap()
    );
    // A case whose term ran out before the 28th is not revived.
    let old = book
        .term_for_case(&cal, Kind::Petition, d("2020-02-03"), d("2020-02-03"))
        .unwrap();
    assert_eq!(old.term, Term::business(15));
    assert_eq!(old.policy_id, "ley-1755-2015");
    // With the setting off, the term fixed at filing stands.
    let strict = PolicyBook::colombia_with(ColombiaTransitions {
        in_progress_on_2020_03_28: InProgressCases::TermAtFilingStands,
        ..ColombiaTransitions::default()
    });
    let t = strict
        .term_for_case(&cal, Kind::Petition, d("2020-03-20"), d("2020-03-20"))
        .unwrap();
    assert_eq!(t.term, Term::business(15));
}

#[test]
fn cases_in_progress_on_2022_05_18_keep_their_term_by_default() {
    let cal = Calendar::colombia();
    let received = d("2022-05-10");
    let t = PolicyBook::colombia()
        .term_for_case(&cal, Kind::InformationRequest, received, received)
        .unwrap();
    assert_eq!(t.term, Term::business(20));
    assert_eq!(t.policy_version, "decreto-491-2020@1");
    let reverting = PolicyBook::colombia_with(ColombiaTransitions {
        in_progress_on_2022_05_18: InProgressCases::NewTermApplies,
        ..ColombiaTransitions::default()
    });
    let t = reverting
        .term_for_case(&cal, Kind::InformationRequest, received, received)
        .unwrap();
    assert_eq!(t.term, Term::business(10));
    assert_eq!(t.policy_version, "ley-1755-2015@1");
    // Filed after the repeal: ordinary terms, whatever the setting.
    let t = reverting
        .term_for_case(&cal, Kind::Consultation, d("2022-05-18"), d("2022-05-18"))
        .unwrap();
    assert_eq!(t.term, Term::business(30));
}

#[test]
fn an_entity_catalog_may_use_calendar_days_months_and_its_own_priority_term() {
    let mut terms: Vec<(Kind, Term)> = Kind::ALL.iter().map(|k| (*k, Term::business(15))).collect();
    terms[6] = (Kind::Suggestion, Term::calendar_days(20));
    terms[7] = (Kind::Commendation, Term::months(1));
    let policy = Policy::new(
        "alcaldia-x",
        "Procedimiento PQRSD Alcaldía X",
        "alcaldia-x@2",
        "Resolución 45 de 2026",
        terms.clone(),
        Term::business(3),
    )
    .unwrap();
    assert_eq!(policy.term(Kind::Suggestion), Term::calendar_days(20));
    assert_eq!(policy.term(Kind::Commendation), Term::months(1));
    assert_eq!(policy.priority_term, Term::business(3));
    let book = PolicyBook::single(Policy::ley_1755_2015(), "Ley 1755 de 2015")
        .unwrap()
        .with_period(
            d("2027-01-01"),
            policy.clone(),
            "Resolución 45 de 2026",
            InProgressCases::TermAtFilingStands,
        )
        .unwrap();
    assert_eq!(book.in_force(d("2026-12-31")).id, "ley-1755-2015");
    assert_eq!(book.in_force(d("2027-01-01")).version, "alcaldia-x@2");
    // A period cannot start before the last one.
    assert_eq!(
        book.clone().with_period(
            d("2026-06-01"),
            policy,
            "x",
            InProgressCases::TermAtFilingStands
        ),
        Err(PolicyError::PeriodsOutOfOrder {
            starts_on: "2026-06-01".into()
        })
    );
    // Books survive a serde round trip, and a bad one does not deserialize.
    let json = serde_json::to_string(&book).unwrap();
    assert_eq!(serde_json::from_str::<PolicyBook>(&json).unwrap(), book);
    assert!(serde_json::from_str::<PolicyBook>("[]").is_err());
}

#[test]
fn invalid_catalogs_are_refused_with_a_reason() {
    let all =
        || -> Vec<(Kind, Term)> { Kind::ALL.iter().map(|k| (*k, Term::business(15))).collect() };
    let new = |terms, priority| Policy::new("p", "P", "p@1", "x", terms, priority);
    let mut missing = all();
    missing.pop();
    assert_eq!(
        new(missing, Term::business(5)),
        Err(PolicyError::MissingKind {
            policy: "p".into(),
            kind: "commendation"
        })
    );
    let mut twice = all();
    twice.push((Kind::Claim, Term::business(3)));
    assert!(matches!(
        new(twice, Term::business(5)),
        Err(PolicyError::DuplicateKind { kind: "claim", .. })
    ));
    let mut zero = all();
    zero[0] = (Kind::Petition, Term::business(0));
    assert!(matches!(
        new(zero, Term::business(5)),
        Err(PolicyError::ZeroTerm {
            what: "petition",
            ..
        })
    ));
    assert!(matches!(
        new(all(), Term::business(0)),
        Err(PolicyError::ZeroTerm {
            what: "priority",
            ..
        })
    ));
    assert_eq!(
        Policy::new("", "P", "p@1", "x", all(), Term::business(5)),
        Err(PolicyError::Unidentified)
    );
    assert_eq!(PolicyBook::new(Vec::new()), Err(PolicyError::EmptyBook));
    let starts = PolicyPeriod {
        starts_on: Some(d("2020-01-01")),
        policy: Policy::ley_1755_2015(),
        legal_basis: "x".into(),
        cases_in_progress: InProgressCases::TermAtFilingStands,
    };
    assert_eq!(
        PolicyBook::new(vec![starts]),
        Err(PolicyError::FirstPeriodStarts)
    );
}

#[test]
fn the_default_book_is_the_colombian_one() {
    assert_eq!(PolicyBook::default(), PolicyBook::colombia());
    assert_eq!(PolicyBook::colombia().periods().len(), 3);
    assert_eq!(Term::business(15).doubled(), Term::business(30));
}

#[test]
fn due_soon_thresholds_are_per_policy_with_defaults() {
    let book = PolicyBook::colombia();
    assert_eq!(book.due_soon("ley-1755-2015"), DueSoon::default());
    assert_eq!(
        DueSoon::default(),
        DueSoon {
            business_days_left: 3,
            percent_elapsed: 80
        }
    );
    let mut own = Policy::ley_1755_2015();
    own.id = "entidad".into();
    own.version = "entidad@1".into();
    own.due_soon = DueSoon {
        business_days_left: 10,
        percent_elapsed: 50,
    };
    let book = PolicyBook::single(own.clone(), "Resolución 1").unwrap();
    assert_eq!(book.due_soon("entidad").business_days_left, 10);
    assert_eq!(
        book.due_soon("no-longer-in-the-book"),
        DueSoon::default(),
        "a policy the book no longer holds falls back to the defaults"
    );
    // The window scanned for alerts widens with the thresholds: half of the longest term
    // (30 business days, doubled by an extension) may be unelapsed when a case is due soon.
    assert!(PolicyBook::colombia().due_soon_horizon_days() >= 31);
    assert!(book.due_soon_horizon_days() >= (30 * 2 + 14) * 2 / 2);
    // The thresholds are not part of the fingerprint: they never move a due date.
    assert_eq!(own.fingerprint(), {
        let mut p = own.clone();
        p.due_soon = DueSoon::default();
        p.fingerprint()
    });
}

#[test]
fn a_due_soon_share_outside_1_to_100_percent_is_refused() {
    for percent in [0u8, 101] {
        let mut p = Policy::ley_1755_2015();
        p.due_soon.percent_elapsed = percent;
        assert!(matches!(
            PolicyBook::single(p, "x"),
            Err(PolicyError::DueSoonPercent { .. })
        ));
    }
    let parsed: Result<DueSoon, _> =
        serde_json::from_str(r#"{"business_days_left": 5, "colour": 1}"#);
    assert!(parsed.is_err(), "unknown fields are refused");
    let parsed: DueSoon = serde_json::from_str(r#"{"business_days_left": 5}"#).unwrap();
    assert_eq!(parsed.percent_elapsed, 80);
}

#[test]
fn the_office_hours_cut_off_is_a_validated_policy_setting() {
    // docs/legal.md §4: off by default; a receipt at or after the cut-off counts from the
    // next business day.
    let cal = Calendar::colombia();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let book = PolicyBook::colombia();
    let late = at("2026-11-23T17:30:00-05:00");
    assert_eq!(
        book.deadline_for(&cal, Kind::Petition, &late)
            .unwrap()
            .effective_received_on,
        "2026-11-23".parse::<chrono::NaiveDate>().unwrap()
    );
    let mut json = serde_json::to_value(&book).unwrap();
    for period in json.as_array_mut().unwrap() {
        period["policy"]["office_hours_cutoff"] = serde_json::json!("17:00");
    }
    let with_cutoff: PolicyBook = serde_json::from_value(json.clone()).unwrap();
    let d = with_cutoff
        .deadline_for(&cal, Kind::Petition, &late)
        .unwrap();
    assert_eq!(d.effective_received_on.to_string(), "2026-11-24");
    assert_eq!(d.case_term.due_date.to_string(), "2026-12-16");
    assert_ne!(
        with_cutoff.in_force(d.received_on).fingerprint(),
        book.in_force(d.received_on).fingerprint()
    );
    for period in json.as_array_mut().unwrap() {
        period["policy"]["office_hours_cutoff"] = serde_json::json!("00:00");
    }
    let err = serde_json::from_value::<PolicyBook>(json).unwrap_err();
    assert!(err.to_string().contains("office_hours_cutoff"), "{err}");
}
