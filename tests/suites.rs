//! The integration suites, built as one test binary: one link of the gateway instead of a
//! hundred, which keeps a fresh build's disk and time small. Each suite is a module named
//! after its file (`cargo test --test suites mutation::` runs one); the shared test kits
//! (`common`, `cache_support`, `cluster_support`, `scan_support`) are declared here once.

mod cache_support;
mod cluster_support;
mod common;
mod scan_support;

mod allowed_host_abuse;
mod allowed_host_form_redirectors;
mod allowed_host_redirectors;
mod analysis_exhaustion;
mod audit;
mod audit_gateway;
mod audit_volume;
mod auto_submitted_redirector_forms;
mod blob_workers;
mod byte_order_marks;
mod cache;
mod cache_lifecycle;
mod cache_poisoning;
mod charset_late_meta;
mod cli;
mod cloned_template_content;
mod cluster;
mod cms_upload_folders;
mod codec_parity;
mod computed_sink_hosts;
mod content_type_agreement;
mod css_carriers;
mod css_generated_text;
mod data_attribute_urls;
mod delay_js_loaders;
mod doorway_uploads;
mod editorial_hack_reports;
mod editorial_short_blocks;
mod english_reporting_context;
mod entity_keyword_attributes;
mod event_view_navigation;
mod feed_text_before_markup;
mod foreign_content_breakouts;
mod guard;
mod header_redirects;
mod header_report_endpoints;
mod hidden_after_load;
mod hidden_editorial_menu;
mod hidden_links;
mod hidden_styles;
mod html_attribute_breakouts;
mod html_delivery_types;
mod huge_element_tails;
mod importmap_modules;
mod inline_container_spam;
mod js_declaration_lists;
mod js_eval_caller_arguments;
mod js_eval_entry_points;
mod js_jump_menu_evals;
mod js_redirect_computed_members;
mod js_reflective_evaluators;
mod json_api_passes;
mod json_feed_payloads;
mod jsonld_actions;
mod keep_alive;
mod language_switcher;
mod large_data_scripts;
mod large_json_ld_payloads;
mod legacy_url_carriers;
mod legacy_url_lists;
mod link_header_preloads;
mod markdown_and_feed_markup;
mod markup_built_in_loops;
mod markup_string_scripts;
mod markup_value_breakouts;
mod markup_writes;
mod meta_url_carriers;
#[path = "mutation.rs"]
mod mutation;
mod never_rendered_containers;
mod obfuscated_redirects;
mod object_param_sources;
mod oversized_elements;
mod own_site_spam_links;
mod padded_spam;
mod page_equivalent_types;
mod payload_in_attribute;
mod pipeline_codecs;
mod pipeline_corpus;
mod pipeline_heads;
mod pipeline_streaming;
mod planted_verification_meta;
mod proxy;
mod proxy_lifecycle;
mod redirect_location_flows;
mod redirect_markup;
mod redirect_scripts;
mod redirector_form_value_carriers;
mod redirector_forms_joined_from_outside;
mod reflected_search_spam;
mod rendered_content_types;
mod request_sinks;
mod run_time_code_loaders;
mod scan;
mod scan_bounds;
mod scan_verification_tokens;
mod script_hidden_spam;
mod script_navigator_split;
mod script_spam_text;
mod script_text_decoder;
mod service_worker_registration;
mod service_worker_scripts;
mod short_betting_link_text;
mod sister_site_doorways;
mod site_headers;
mod slash_prefix_redirects;
mod smuggling;
mod spam_anchor_text;
mod spam_app_contacts;
mod spam_appended_offers;
mod spam_beside_portal_labels;
mod spam_beside_warning_columns;
mod spam_block_leftovers;
mod spam_blocks_unhidden;
mod spam_canvas_text;
mod spam_combining_marks;
mod spam_comment_text;
mod spam_editorial_camouflage;
mod spam_editorial_frames;
mod spam_family_compositions;
mod spam_family_offers;
mod spam_family_positions;
mod spam_family_written_forms;
mod spam_hidden_junk_letters;
mod spam_in_attributes;
mod spam_in_unjudged_places;
mod spam_keyboard_off_typing;
mod spam_layout_joined;
mod spam_layout_reordered;
mod spam_layout_reordered_benign;
mod spam_layout_structural;
mod spam_layout_structural_benign;
mod spam_layout_taglines;
mod spam_link_frames;
mod spam_lone_brands;
mod spam_news_camouflage;
mod spam_promoting_sentences;
mod spam_reversed_text;
mod spam_run_together_terms;
mod spam_seller_offers;
mod spam_shown_by_css_attr;
mod spam_spots_in_news;
mod spam_svg_text;
mod spam_text_evasions;
mod spam_topic_families;
mod spam_topics;
mod spam_topics_promotions;
mod spam_topics_scams;
mod spam_unworded_families;
mod spam_unwrapped_brand_links;
mod spam_viqr_typing;
mod spam_weak_vocabulary_offers;
mod split_word_spam;
mod stray_location_headers;
mod stylesheet_planted_spam;
mod syslog;
mod tag_manager_containers;
mod tampered_first_party_scripts;
mod tls;
mod unparsed_hiding_css;
mod upload_code_folders;
mod upload_folder_scripts;
mod upload_loaders;
mod upload_scripts_as_text;
mod upload_scripts_under_data_names;
mod upload_svg_logos;
mod visible_spam_positions;
mod wordpress_emoji;
mod xml_documents;
mod xml_parsing_differentials;
mod xml_tiny_chunks;

/// Cargo builds only the targets it is told of (`autotests = false`), so a suite file that
/// is not declared above would silently never run.
#[test]
fn every_suite_file_is_declared_here() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let this = std::fs::read_to_string(dir.join("suites.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(module) = name.strip_suffix(".rs") else {
            continue;
        };
        if module != "suites" && !this.contains(&format!("\nmod {module};\n")) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "tests/suites.rs does not declare {missing:?}"
    );
}
