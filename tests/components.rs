//! Component tests in headless Chromium (wasm-bindgen-test + chromedriver): mount real components
//! with the real sample catalog and assert what a reader sees.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use khuzestan_app::api::{CatalogData, LoadFailure};
use khuzestan_app::components::cards::DepartmentCard;
use khuzestan_app::components::gate::LoadError;
use khuzestan_app::components::hours::WeekHours;
use khuzestan_app::i18n::Locale;
use khuzestan_app::pages::signup::SignupForDepartment;
use khuzestan_app::state::AppState;
use leptos::prelude::*;
use leptos_router::components::Router;
use tak_core::query::Index;
use tak_core::schedule::{Hours, Schedule};
use tak_core::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample() -> Arc<CatalogData> {
    let loaded =
        tak_core::catalog::load(include_str!("../public/catalog.json")).expect("sample loads");
    let index = Index::build(&loaded.catalog);
    Arc::new(CatalogData {
        catalog: loaded.catalog,
        index,
        problems: loaded.problems,
        skipped: loaded.skipped,
        cached_at: None,
        bytes: 0,
        reader: Lang::Fa,
    })
}

/// A fresh container in the page; returns it and the language signal.
fn mount<F, V>(lang: Lang, f: F) -> (web_sys::HtmlElement, Locale)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = leptos::prelude::document();
    let el: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&el).unwrap();
    let locale = Locale::new(Lang::Fa);
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(AppState::new(locale));
        provide_context(khuzestan_app::clock::Clock::start());
        provide_context(locale);
        locale.choose(lang);
        f()
    });
    handle.forget();
    (el, locale)
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn text(el: &web_sys::HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn load_error_is_translated_and_follows_the_language() {
    let (el, lang) = mount(
        Lang::Fa,
        || view! { <LoadError failure=LoadFailure::Http(503)/> },
    );
    tick().await;
    let t = text(&el);
    assert!(t.contains("فهرست خدمات بارگیری نشد"), "{t}");
    assert!(t.contains("۵۰۳"), "status in Persian digits: {t}");
    assert!(t.contains("تلاش دوباره"));
    lang.choose(Lang::En);
    tick().await;
    let t = text(&el);
    assert!(
        t.contains("The catalog could not be loaded")
            && t.contains("503")
            && t.contains("Try again"),
        "{t}"
    );
}

#[wasm_bindgen_test]
async fn department_card_shows_name_field_and_places_in_persian_digits() {
    let data = sample();
    let d = data.catalog.x_tak_departments[0].clone();
    let (el, _) = mount(
        Lang::Fa,
        move || view! { <Router><DepartmentCard data=data index=0 distance=None/></Router> },
    );
    tick().await;
    let t = text(&el);
    assert!(t.contains(&d.name), "{t}");
    if d.places_available > 0 {
        let n = Lang::Fa.number(d.places_available);
        assert!(t.contains(&format!("{n} جای خالی")), "{t}");
    } else {
        assert!(t.contains("ظرفیت تکمیل"));
    }
    let link = el.query_selector("h2 a").unwrap().unwrap();
    assert!(link
        .get_attribute("href")
        .unwrap()
        .ends_with(&format!("/tak/{}", d.id)));
}

#[wasm_bindgen_test]
async fn week_hours_show_the_coming_seven_days_with_split_hours() {
    let hours = Hours::compile(&[
        Schedule {
            byday: "SA,SU".into(),
            opens_at: "08:00".into(),
            closes_at: "12:30".into(),
            ..Default::default()
        },
        Schedule {
            byday: "SA".into(),
            opens_at: "17:00".into(),
            closes_at: "20:00".into(),
            ..Default::default()
        },
    ]);
    let (el, _) = mount(Lang::Fa, move || view! { <WeekHours hours/> });
    tick().await;
    let rows = el.query_selector_all("tr").unwrap();
    assert_eq!(rows.length(), 7);
    let texts: Vec<String> = (0..7)
        .map(|i| rows.get(i).unwrap().text_content().unwrap())
        .collect();
    // Today first: the row marked as today, and each weekday once.
    let today = el.query_selector("tr.today").unwrap().unwrap();
    assert_eq!(today.text_content().unwrap(), texts[0]);
    let saturday = texts
        .iter()
        .find(|t| t.starts_with("شنبه"))
        .expect("a Saturday");
    assert!(
        saturday.contains("۰۸:۰۰–۱۲:۳۰") && saturday.contains("۱۷:۰۰–۲۰:۰۰"),
        "{saturday}"
    );
    let friday = texts
        .iter()
        .find(|t| t.starts_with("جمعه"))
        .expect("a Friday");
    assert!(friday.contains("بسته"), "{friday}");
}

#[wasm_bindgen_test]
fn counts_take_each_languages_plural_forms() {
    use khuzestan_app::i18n::{count, K};
    let ar: Vec<String> = [0, 1, 2, 3, 10, 11, 99, 100, 101]
        .into_iter()
        .map(|n| count(Lang::Ar, K::places_left, n))
        .collect();
    assert_eq!(
        ar,
        [
            "لا أماكن شاغرة",
            "مكان واحد شاغر",
            "مكانان شاغران",
            "٣ أماكن شاغرة",
            "١٠ أماكن شاغرة",
            "١١ مكانًا شاغرًا",
            "٩٩ مكانًا شاغرًا",
            "١٠٠ مكان شاغر",
            "١٠١ مكان شاغر",
        ]
    );
    assert_eq!(count(Lang::En, K::places_left, 1), "1 place left");
    assert_eq!(count(Lang::En, K::results, 2), "2 results");
    assert_eq!(count(Lang::Fa, K::results, 1), "۱ نتیجه");
}

fn input(el: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = el
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn click(el: &web_sys::HtmlElement, selector: &str) {
    let b: web_sys::HtmlElement = el
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    b.click();
}

#[wasm_bindgen_test]
async fn signup_errors_are_summarised_linked_and_cleared_when_fixed() {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let data = sample();
    let (el, _) = mount(
        Lang::Fa,
        move || view! { <Router><SignupForDepartment data index=0/></Router> },
    );
    tick().await;
    click(&el, "button[type=submit]");
    tick().await;
    let links = el.query_selector_all(".error-summary a").unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            links
                .get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(
        hrefs,
        vec![
            "#signup-name",
            "#signup-mobile",
            "#signup-age",
            "#signup-consent"
        ]
    );
    let mobile = el.query_selector("#signup-mobile").unwrap().unwrap();
    assert_eq!(
        mobile.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(mobile
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("signup-mobile-error"));

    // Persian digits with spaces are a valid mobile number; a wrong national ID is caught.
    input(&el, "#signup-name", "زهرا موسوی");
    input(&el, "#signup-mobile", "۰۹۱۶ ۱۲۳ ۴۵۶۷");
    input(&el, "#signup-national-id", "0499370898");
    click(&el, "button[type=submit]");
    tick().await;
    let summary = el
        .query_selector(".error-summary")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        !summary.contains("شمارهٔ همراه"),
        "mobile accepted: {summary}"
    );
    assert!(summary.contains("این کد ملی درست نیست"), "{summary}");

    // What was typed is kept on the phone as a draft.
    let draft = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("tak.draft.tak-1")
        .unwrap()
        .unwrap();
    assert!(draft.contains("۰۹۱۶ ۱۲۳ ۴۵۶۷"), "{draft}");
}
