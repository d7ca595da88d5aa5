use super::super::layout_props::of_decls;
use super::*;

fn order(of: &str, items: &[&str]) -> Option<Vec<usize>> {
    let of = of_decls(of);
    let layouts: Vec<Option<Layout>> = items.iter().map(|s| of_decls(s)).collect();
    let items: Vec<Item<'_>> = layouts
        .iter()
        .map(|l| Item {
            layout: l.as_ref(),
            chars: 1,
        })
        .collect();
    drawn(of.as_ref(), &items).map(|d| d.order)
}

#[test]
fn flex_order_and_reversed_boxes() {
    assert_eq!(
        order("", &["order:3", "order:1", "order:2"]),
        Some(vec![1, 2, 0])
    );
    assert_eq!(
        order("flex-direction:row-reverse", &["", "", ""]),
        Some(vec![2, 1, 0])
    );
    assert_eq!(order("direction:rtl", &["", ""]), Some(vec![1, 0]));
    assert_eq!(
        order("direction:rtl;flex-direction:row-reverse", &["", ""]),
        None
    );
    assert_eq!(order("", &["order:0", "order:0"]), None);
    assert_eq!(order("", &["", ""]), None);
}

#[test]
fn grid_cells_read_row_by_row() {
    assert_eq!(
        order("", &["grid-area:1/2", "grid-area:2/1", "grid-area:1/1"]),
        Some(vec![2, 0, 1])
    );
    assert_eq!(
        order(
            "grid-template-areas:'a b' 'c d'",
            &["grid-area:d", "grid-area:a", "grid-area:c", "grid-area:b"]
        ),
        Some(vec![1, 3, 2, 0])
    );
    // Auto-placed down the columns of two rows: a c / b d.
    assert_eq!(
        order(
            "grid-auto-flow:column;grid-template-rows:1fr 1fr",
            &["", "", "", ""]
        ),
        Some(vec![0, 2, 1, 3])
    );
    assert_eq!(
        order(
            "grid-template-columns:repeat(2,1fr)",
            &["", "grid-row:1;grid-column:1", ""]
        ),
        Some(vec![1, 0, 2])
    );
}

#[test]
fn floats_and_offsets_read_left_to_right() {
    assert_eq!(
        order("", &["float:right", "float:right", "float:right"]),
        Some(vec![2, 1, 0])
    );
    assert_eq!(
        order(
            "",
            &[
                "position:absolute;left:2ch;top:0",
                "position:absolute;left:0;top:1px",
                "position:absolute;left:1ch;top:0"
            ]
        ),
        Some(vec![1, 2, 0])
    );
    assert_eq!(
        order(
            "",
            &[
                "position:absolute;top:2em;left:0",
                "position:absolute;top:0;left:9ch"
            ]
        ),
        Some(vec![1, 0])
    );
    assert_eq!(
        order(
            "",
            &["position:relative;left:1ch", "position:relative;left:-1ch"]
        ),
        Some(vec![1, 0])
    );
    assert_eq!(
        order(
            "",
            &["transform:translateX(2ch)", "transform:translateX(-1ch)"]
        ),
        Some(vec![1, 0])
    );
    assert_eq!(order("", &["float:left", "float:left"]), None);
}

#[test]
fn negative_margins_wrap_reverse_and_dense_grids() {
    // Each item one character (8px): the second pulled back over the first.
    assert_eq!(
        order("", &["margin-left:2ch", "margin-left:-4ch"]),
        Some(vec![1, 0])
    );
    assert_eq!(order("", &["margin-left:-1px", ""]), None);
    assert_eq!(
        order("display:flex;flex-wrap:wrap-reverse", &["", "", ""]),
        Some(vec![2, 1, 0])
    );
    // Sparse placement breaks the row before column 1; dense fills it.
    let cols = "display:grid;grid-template-columns:repeat(2,auto)";
    assert_eq!(order(cols, &["grid-column:2", "grid-column:1"]), None);
    assert_eq!(
        order(
            &format!("{cols};grid-auto-flow:row dense"),
            &["grid-column:2", "grid-column:1"]
        ),
        Some(vec![1, 0])
    );
}
