use super::*;

#[test]
fn reads_the_properties_that_move_text() {
    let l = of_decls("order:3;color:red").unwrap();
    assert_eq!(l.order, Some(3));
    assert_eq!(
        of_decls("display:flex;flex-direction:row-reverse")
            .unwrap()
            .reverse,
        Some(true)
    );
    assert_eq!(
        of_decls("flex-flow: column-reverse wrap").unwrap().reverse,
        Some(true)
    );
    assert_eq!(
        of_decls("flex-flow: row wrap-reverse").unwrap().reverse,
        Some(false)
    );
    assert_eq!(of_decls("DIRECTION: RTL").unwrap().rtl, Some(true));
    assert_eq!(
        of_decls("writing-mode:vertical-rl").unwrap().vertical_rl,
        Some(true)
    );
    let g = of_decls("grid-area:2/3").unwrap();
    assert_eq!((g.row, g.col), (Some(2), Some(3)));
    let g = of_decls("grid-area: b").unwrap();
    assert_eq!(g.area.as_deref(), Some("b"));
    let g = of_decls("grid-row:2;grid-column:4 / span 2").unwrap();
    assert_eq!((g.row, g.col), (Some(2), Some(4)));
    let g =
        of_decls("display:grid;grid-template-columns:repeat(5,max-content) 1fr [e] 20px").unwrap();
    assert_eq!(g.columns, Some(7));
    let g = of_decls("grid-template-areas:\"c a\" 'b d'").unwrap();
    assert_eq!(g.areas.as_ref().map(|a| a.len()), Some(2));
    assert_eq!(of_decls("float:right").unwrap().float_right, Some(true));
    let p = of_decls("position:absolute;left:15ch;top:0").unwrap();
    assert_eq!(
        (p.position, p.left, p.top),
        (Some(Position::Absolute), Some(120.0), Some(0.0))
    );
    let p = of_decls("inset: 1px 2px 3px 4px").unwrap();
    assert_eq!(
        (p.top, p.right, p.bottom, p.left),
        (Some(1.0), Some(2.0), Some(3.0), Some(4.0))
    );
    let t = of_decls("transform: rotate(1deg) translateX(2em) translate(1px, 3px)").unwrap();
    assert_eq!(t.shift, Some((33.0, 3.0)));
    assert_eq!(of_decls("translate: 5ch").unwrap().shift, Some((40.0, 0.0)));
    assert_eq!(of_decls("--o:4;order:var(--o)").unwrap().order, Some(4));
    assert_eq!(of_decls("or\\64 er:2").unwrap().order, Some(2));
}

#[test]
fn other_declarations_move_nothing() {
    assert!(of_decls("color:red;display:flex;margin:0 auto").is_none());
    assert!(of_decls("border-left:1px solid").is_none());
}

#[test]
fn places_not_read_are_unknown() {
    for css in [
        "order:var(--x)",
        "left:min(1px, 2ch)",
        "order:calc(2 * var(--k))",
    ] {
        let l = of_decls(css).unwrap();
        assert!(l.unknown && l.order.is_none() && l.left.is_none(), "{css}");
    }
    assert!(!of_decls("order:2;left:auto").unwrap().unknown);
}

#[test]
fn calc_of_numbers_and_lengths_is_worked_out() {
    assert_eq!(of_decls("order:calc(3 * 2)").unwrap().order, Some(6));
    assert_eq!(
        of_decls("order:calc((1 + 2) * -2)").unwrap().order,
        Some(-6)
    );
    assert_eq!(of_decls("left:calc(1px + 2ch)").unwrap().left, Some(17.0));
    assert_eq!(
        of_decls("left:-webkit-calc(10px/2)").unwrap().left,
        Some(5.0)
    );
    for css in [
        "order:calc(1/0)",
        "order:calc(2 *)",
        // 17 groups inside calc(): one past the bound.
        "order:calc((((((((((((((((((1))))))))))))))))))",
    ] {
        assert!(of_decls(css).unwrap().order.is_none(), "{css}");
    }
}

#[test]
fn later_values_win() {
    let mut a = of_decls("order:2;float:right").unwrap();
    a.merge(&of_decls("order:5").unwrap());
    assert_eq!((a.order, a.float_right), (Some(5), Some(true)));
}
