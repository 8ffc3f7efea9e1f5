use super::*;

fn problems(text: &str) -> Vec<(usize, Option<ImportProblem>)> {
    parse(text)
        .expect("lines")
        .into_iter()
        .map(|line| (line.line, line.problem))
        .collect()
}

#[test]
fn a_header_a_bom_and_blank_lines_are_skipped() {
    let lines = parse("\u{feff}Bygg;Rom;Etasje\r\nHovedbygg;Rom 101;1\n\nHovedbygg;Rom 102\n")
        .expect("lines");
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (
            lines[0].line,
            lines[0].room.as_str(),
            lines[0].floor.as_str()
        ),
        (2, "Rom 101", "1")
    );
    assert_eq!((lines[1].line, lines[1].floor.as_str()), (4, ""));
    assert!(lines.iter().all(|line| line.problem.is_none()));
}

#[test]
fn a_building_called_bygg_is_a_room_line_not_a_header() {
    let lines = parse("Bygg A;Rom 1;1\nBygg A;Rom 2;1").expect("lines");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].building, "Bygg A");
}

#[test]
fn quoted_fields_may_hold_semicolons_and_quotes() {
    let lines = parse("\"Bygg A; vest\";\"Rom \"\"stor\"\"\";2").expect("lines");
    assert_eq!(lines[0].building, "Bygg A; vest");
    assert_eq!(lines[0].room, "Rom \"stor\"");
}

#[test]
fn a_line_break_inside_quotes_is_a_space_and_lines_keep_their_numbers() {
    let lines = parse("A;\"Rom 101\r\nLager\";1\nA;\"Rom \"\"B\"\"\n\nvest\";2\nA;Rom 103;3")
        .expect("lines");
    let read: Vec<_> = lines
        .iter()
        .map(|line| (line.line, line.room.as_str(), line.floor.as_str()))
        .collect();
    assert_eq!(
        read,
        [
            (1, "Rom 101 Lager", "1"),
            (3, "Rom \"B\"  vest", "2"),
            (6, "Rom 103", "3")
        ]
    );
}

#[test]
fn a_quote_never_closed_is_its_lines_problem_and_the_lines_after_are_read() {
    let text = "A;Rom 1;1\nA;\"Rom 2;1\nA;Rom 3;1\nA;\"Rom \"\"4\"\"\";1";
    assert_eq!(
        problems(text),
        [
            (1, None),
            (2, Some(ImportProblem::UnclosedQuote)),
            (3, None),
            (4, None)
        ]
    );
}

#[test]
fn each_bad_line_is_named_with_its_number() {
    let text =
        "A;Rom 1;1\nA\n;Rom 2\nA;;1\nA;rom 1;2\nA;Rom 3;1;x\nA;".to_owned() + &"x".repeat(201);
    assert_eq!(
        problems(&text),
        [
            (1, None),
            (2, Some(ImportProblem::Columns)),
            (3, Some(ImportProblem::BuildingMissing)),
            (4, Some(ImportProblem::RoomMissing)),
            (5, Some(ImportProblem::Repeated)),
            (6, Some(ImportProblem::Columns)),
            (7, Some(ImportProblem::TooLong)),
        ]
    );
}

#[test]
fn empty_and_oversized_files_are_refused_whole() {
    assert_eq!(parse("Bygg;Rom;Etasje\n\n"), Err(FileProblem::Empty));
    let many: String = (0..=MAX_LINES).map(|n| format!("A;Rom {n};1\n")).collect();
    assert_eq!(parse(&many), Err(FileProblem::TooManyLines));
}
