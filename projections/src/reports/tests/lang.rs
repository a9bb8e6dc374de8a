//! The language of a report's labels, and the escaping of what people typed.

use super::*;

#[test]
fn a_hostile_dependency_name_is_escaped_in_the_html_report() {
    let mut log = fixture();
    let id = log.file("2026-11-24T10:00:00-05:00", Kind::Petition, Channel::Web);
    log.assign(&id, "<script>alert('x')</script>", "2026-11-24");
    for kind in [ReportKind::PqrFollowUp, ReportKind::Dashboard] {
        for lang in [Lang::Es, Lang::En] {
            let r = report(&log, kind, log.head());
            let html = String::from_utf8(r.render_in(Format::Html, lang).unwrap()).unwrap();
            let at = html
                .find("<script")
                .map(|i| html[i.saturating_sub(200)..i + 40].to_owned());
            assert!(at.is_none(), "{kind:?} {lang:?}: {at:?}");
            if kind == ReportKind::PqrFollowUp {
                assert!(
                    html.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"),
                    "{kind:?} {lang:?}"
                );
            }
        }
    }
}

#[test]
fn english_labels_on_request_and_the_same_figures_in_both_languages() {
    let log = fixture();
    for kind in ReportKind::ALL {
        let r = report(&log, kind, log.head());
        let es = String::from_utf8(r.render_in(Format::Html, Lang::Es).unwrap()).unwrap();
        let en = String::from_utf8(r.render_in(Format::Html, Lang::En).unwrap()).unwrap();
        assert_eq!(
            es,
            String::from_utf8(r.render(Format::Html).unwrap()).unwrap()
        );
        assert!(es.contains("<html lang=\"es\">") && es.contains("Ficha técnica"));
        assert!(en.contains("<html lang=\"en\">") && en.contains("Technical sheet (manifest)"));
        assert!(
            !en.contains("Ficha técnica") && !en.contains("Periodo"),
            "{kind:?}"
        );
        // What machines read does not change with the language.
        for f in [Format::Json, Format::Csv, Format::CsvEs] {
            assert_eq!(
                r.render_in(f, Lang::Es).unwrap(),
                r.render_in(f, Lang::En).unwrap()
            );
        }
        // The figures of the HTML tables are the same, with the language's decimal mark.
        let cells = |h: &str| -> Vec<String> {
            h.split("<td class=\"n\">")
                .skip(1)
                .map(|c| c[..c.find('<').unwrap()].replace(',', "."))
                .collect()
        };
        assert_eq!(cells(&es), cells(&en), "{kind:?}");
    }
    let follow = report(&log, ReportKind::PqrFollowUp, log.head());
    let en = String::from_utf8(follow.render_in(Format::Html, Lang::En).unwrap()).unwrap();
    assert!(en.contains("<h2>By kind</h2>") && en.contains("<th>Answ. on time</th>"));
    // Channels and the dashboard's buckets have English names too.
    assert!(en.contains("telephone") && en.contains("in person"), "{en}");
    assert!(
        !en.contains("teléfono") && !en.contains("presencial"),
        "{en}"
    );
    let dashboard = report(&log, ReportKind::Dashboard, log.head());
    let en = String::from_utf8(dashboard.render_in(Format::Html, Lang::En).unwrap()).unwrap();
    let es = String::from_utf8(dashboard.render_in(Format::Html, Lang::Es).unwrap()).unwrap();
    assert!(es.contains("0 a 3 días hábiles"), "{es}");
    assert!(
        en.contains("0 to 3 business days") && !en.contains("días hábiles"),
        "{en}"
    );
}

#[test]
fn the_workbook_sheet_and_title_follow_the_language() {
    let log = fixture();
    let r = report(&log, ReportKind::PqrFollowUp, log.head());
    let sheet_of = |lang| {
        let bytes = r.render_in(Format::Xlsx, lang).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut workbook = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook)
            .unwrap();
        let mut core = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
            .unwrap();
        (workbook, core)
    };
    let (es, es_core) = sheet_of(Lang::Es);
    let (en, en_core) = sheet_of(Lang::En);
    assert!(es.contains("name=\"informe\""), "{es}");
    assert!(en.contains("name=\"report\""), "{en}");
    assert!(es_core.contains("Informe de seguimiento"));
    assert!(en_core.contains("Follow-up report"));
}
