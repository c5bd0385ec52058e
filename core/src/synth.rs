//! Deterministic catalogs: the bundled sample (`catalog-gen --sample`) and large synthetic ones for
//! the benchmarks (`catalog-gen --services 10000 --departments 500 --seed 7`). The same seed always
//! gives the same bytes. Places are drawn inside their county's polygon, near its seat.

use crate::catalog::*;
use crate::geo::CountyShapes;
use crate::schedule::Schedule;

/// SplitMix64: tiny, fast and plenty for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A text in the three languages: Persian, Arabic, English.
type Tri = (&'static str, &'static str, &'static str);

fn tr(fields: &[(&str, &str, &str, &str)]) -> Translations {
    let mut t = Translations::new();
    for &(field, _fa, ar, en) in fields {
        t.insert("ar", field, TrValue::One(ar.into()));
        t.insert("en", field, TrValue::One(en.into()));
    }
    t
}

fn tr_list(t: &mut Translations, field: &str, items: &[Tri]) {
    t.insert(
        "ar",
        field,
        TrValue::Many(items.iter().map(|i| i.1.to_string()).collect()),
    );
    t.insert(
        "en",
        field,
        TrValue::Many(items.iter().map(|i| i.2.to_string()).collect()),
    );
}

pub const PILOT: [&str; 4] = ["ahvaz", "bavi", "hamidiyeh", "karun"];
const NEXT: [&str; 6] = [
    "shushtar",
    "dezful",
    "shush",
    "andimeshk",
    "abadan",
    "khorramshahr",
];

/// Neighbourhoods and towns of the pilot counties, for place names.
fn areas(county: &str) -> &'static [Tri] {
    match county {
        "ahvaz" => &[
            ("کیانپارس", "كيانبارس", "Kianpars"),
            ("زیتون کارمندی", "زيتون كارمندي", "Zeytun Karmandi"),
            ("کوی ملت", "كوي ملت", "Kuy-e Mellat"),
            ("حصیرآباد", "حصيرآباد", "Hasirabad"),
            ("گلستان", "كلستان", "Golestan"),
            ("پاداد شهر", "باداد شهر", "Padadshahr"),
            ("کوی علوی", "كوي علوي", "Kuy-e Alavi"),
            ("منبع آب", "منبع آب", "Manba-e Ab"),
        ],
        "karun" => &[
            ("کوت عبدالله", "كوت عبدالله", "Kut-e Abdollah"),
            ("کوت سید نعیم", "كوت سيد نعيم", "Kut-e Seyyed Naim"),
            ("کوی فاطمیه", "كوي فاطمية", "Kuy-e Fatemiyeh"),
        ],
        "bavi" => &[
            ("ملاثانی", "ملاثاني", "Mollasani"),
            ("شیبان", "شيبان", "Sheyban"),
            ("ویس", "ويس", "Veys"),
        ],
        "hamidiyeh" => &[
            ("حمیدیه", "الحميدية", "Hamidiyeh"),
            (
                "بلوار امام حمیدیه",
                "بولفار الإمام في الحميدية",
                "Imam Boulevard, Hamidiyeh",
            ),
        ],
        _ => &[],
    }
}

struct Category {
    id: &'static str,
    name: Tri,
    /// Service names in this category.
    services: &'static [Tri],
    org: usize,
    venue: Tri,
}

const CATEGORIES: [Category; 8] = [
    Category {
        id: "reading",
        name: ("کتاب و کتاب‌خوانی", "الكتب والقراءة", "Books and reading"),
        services: &[
            (
                "عضویت رایگان کتابخانه",
                "عضوية مجانية في المكتبة",
                "Free library membership",
            ),
            (
                "باشگاه کتاب‌خوانی خانواده",
                "نادي القراءة العائلي",
                "Family reading club",
            ),
            (
                "امانت کتاب سیار",
                "إعارة الكتب المتنقلة",
                "Mobile book lending",
            ),
        ],
        org: 0,
        venue: ("کتابخانهٔ عمومی", "المكتبة العامة", "Public library"),
    },
    Category {
        id: "children",
        name: ("کودک و نوجوان", "الأطفال واليافعون", "Children and teens"),
        services: &[
            (
                "کارگاه قصه‌گویی کودکان",
                "ورشة سرد القصص للأطفال",
                "Storytelling workshop for children",
            ),
            (
                "کلاس نقاشی نوجوانان",
                "صف الرسم لليافعين",
                "Painting class for teens",
            ),
            (
                "اردوی تابستانی کانون",
                "المخيم الصيفي للمركز",
                "Kanoon summer camp",
            ),
        ],
        org: 1,
        venue: (
            "مرکز کانون پرورش فکری",
            "مركز كانون للتنمية الفكرية",
            "Kanoon centre",
        ),
    },
    Category {
        id: "sport",
        name: ("ورزش و تندرستی", "الرياضة واللياقة", "Sport and fitness"),
        services: &[
            (
                "استخر سرپوشیده با تخفیف",
                "مسبح مغطى بخصم",
                "Indoor pool at a discount",
            ),
            (
                "ورزش صبحگاهی بانوان",
                "رياضة صباحية للنساء",
                "Women's morning exercise",
            ),
            (
                "سالن فوتسال محله",
                "صالة كرة الصالات في الحي",
                "Neighbourhood futsal hall",
            ),
        ],
        org: 2,
        venue: ("مجموعهٔ ورزشی", "المجمع الرياضي", "Sports complex"),
    },
    Category {
        id: "counselling",
        name: ("مشاورهٔ خانواده", "الاستشارة الأسرية", "Family counselling"),
        services: &[
            (
                "مشاورهٔ رایگان خانواده",
                "استشارة أسرية مجانية",
                "Free family counselling",
            ),
            (
                "کارگاه مهارت‌های زندگی",
                "ورشة المهارات الحياتية",
                "Life skills workshop",
            ),
        ],
        org: 3,
        venue: (
            "مرکز مشاورهٔ بهزیستی",
            "مركز الاستشارة للرعاية الاجتماعية",
            "Welfare counselling centre",
        ),
    },
    Category {
        id: "skills",
        name: ("آموزش و مهارت", "التعليم والمهارات", "Learning and skills"),
        services: &[
            (
                "کلاس سواد رایانه",
                "صف محو الأمية الحاسوبية",
                "Computer literacy class",
            ),
            (
                "کارگاه خیاطی و صنایع دستی",
                "ورشة الخياطة والحرف اليدوية",
                "Sewing and handicrafts workshop",
            ),
        ],
        org: 4,
        venue: ("فرهنگسرا", "الدار الثقافية", "Cultural house"),
    },
    Category {
        id: "cinema",
        name: ("سینما و تئاتر", "السينما والمسرح", "Cinema and theatre"),
        services: &[
            (
                "بلیت نیم‌بهای سینما",
                "تذكرة سينما بنصف السعر",
                "Half-price cinema ticket",
            ),
            (
                "نمایش تئاتر کودک",
                "عرض مسرح الأطفال",
                "Children's theatre show",
            ),
        ],
        org: 4,
        venue: ("سالن نمایش", "قاعة العروض", "Theatre hall"),
    },
    Category {
        id: "heritage",
        name: (
            "موزه و میراث فرهنگی",
            "المتاحف والتراث الثقافي",
            "Museums and heritage",
        ),
        services: &[
            (
                "بازدید رایگان موزه",
                "زيارة مجانية للمتحف",
                "Free museum visit",
            ),
            ("گشت میراث شهری", "جولة التراث الحضري", "City heritage walk"),
        ],
        org: 5,
        venue: ("موزه", "المتحف", "Museum"),
    },
    Category {
        id: "community",
        name: ("گروه‌های مردمی", "المجموعات الأهلية", "Community groups"),
        services: &[
            (
                "کلاس تقویتی داوطلبانه",
                "دروس تقوية تطوعية",
                "Volunteer tutoring",
            ),
            (
                "کارگاه سلامت و تغذیه",
                "ورشة الصحة والتغذية",
                "Health and nutrition workshop",
            ),
        ],
        org: 6,
        venue: ("سرای محله", "دار الحي", "Neighbourhood hall"),
    },
];

const ORGS: [(&str, OrgKind, Tri); 7] = [
    ("org-libraries", OrgKind::PublicLibrary, ("ادارهٔ کل کتابخانه‌های عمومی خوزستان", "الإدارة العامة للمكتبات العامة في خوزستان", "Khuzestan Public Libraries")),
    ("org-kanoon", OrgKind::Kanoon, ("کانون پرورش فکری کودکان و نوجوانان خوزستان", "مؤسسة التنمية الفكرية للأطفال واليافعين في خوزستان", "Institute for the Intellectual Development of Children and Young Adults (Kanoon), Khuzestan")),
    ("org-sport", OrgKind::Agency, ("ادارهٔ کل ورزش و جوانان خوزستان", "الإدارة العامة للرياضة والشباب في خوزستان", "Khuzestan Sport and Youth Office")),
    ("org-welfare", OrgKind::Agency, ("ادارهٔ کل بهزیستی خوزستان", "الإدارة العامة للرعاية الاجتماعية في خوزستان", "Khuzestan Welfare Organisation")),
    ("org-culture", OrgKind::Agency, ("ادارهٔ کل فرهنگ و ارشاد اسلامی خوزستان", "الإدارة العامة للثقافة والإرشاد الإسلامي في خوزستان", "Khuzestan Culture and Islamic Guidance Office")),
    ("org-heritage", OrgKind::Agency, ("ادارهٔ کل میراث فرهنگی خوزستان", "الإدارة العامة للتراث الثقافي في خوزستان", "Khuzestan Cultural Heritage Office")),
    ("org-community", OrgKind::CommunityGroup, ("گروه‌های مردمی داوطلب محله", "مجموعات الحي التطوعية", "Neighbourhood volunteer groups")),
];

struct DeptTemplate {
    name: Tri,
    field: Field,
    kanoon: bool,
    ages: &'static [AgeGroup],
    activities: &'static [Tri],
    skills: &'static [Tri],
}

const DEPARTMENTS: [DeptTemplate; 8] = [
    DeptTemplate {
        name: (
            "دپارتمان کتاب‌خوانی و نقد ادبی",
            "قسم القراءة والنقد الأدبي",
            "Reading and literary criticism",
        ),
        field: Field::Cultural,
        kanoon: false,
        ages: &[AgeGroup::Adults, AgeGroup::Seniors],
        activities: &[
            (
                "نشست ماهانهٔ نقد کتاب",
                "جلسة نقد كتاب شهرية",
                "Monthly book discussion",
            ),
            (
                "معرفی کتاب در فضای مجازی",
                "تعريف الكتب عبر الإنترنت",
                "Book recommendations online",
            ),
        ],
        skills: &[
            ("نویسندگی", "الكتابة", "Writing"),
            ("اجرای نشست", "إدارة الجلسات", "Hosting a session"),
        ],
    },
    DeptTemplate {
        name: ("دپارتمان قصه‌گویی", "قسم سرد القصص", "Storytelling"),
        field: Field::Cultural,
        kanoon: true,
        ages: &[AgeGroup::Teens, AgeGroup::Adults],
        activities: &[
            (
                "قصه‌گویی برای کودکان",
                "سرد القصص للأطفال",
                "Telling stories to children",
            ),
            (
                "جمع‌آوری قصه‌های محلی",
                "جمع الحكايات المحلية",
                "Collecting local tales",
            ),
        ],
        skills: &[
            ("قصه‌گویی", "سرد القصص", "Storytelling"),
            ("زبان عربی یا لری", "العربية أو اللرية", "Arabic or Luri"),
        ],
    },
    DeptTemplate {
        name: ("دپارتمان نجوم", "قسم علم الفلك", "Astronomy"),
        field: Field::Scientific,
        kanoon: true,
        ages: &[AgeGroup::Teens, AgeGroup::Adults],
        activities: &[
            ("رصد شبانهٔ آسمان", "رصد السماء ليلاً", "Night sky watching"),
            (
                "ساخت تلسکوپ ساده",
                "صنع تلسكوب بسيط",
                "Building a simple telescope",
            ),
        ],
        skills: &[
            ("آشنایی با نجوم", "معرفة بعلم الفلك", "Astronomy basics"),
            ("عکاسی", "التصوير", "Photography"),
        ],
    },
    DeptTemplate {
        name: (
            "دپارتمان رباتیک و برنامه‌نویسی",
            "قسم الروبوتات والبرمجة",
            "Robotics and coding",
        ),
        field: Field::Scientific,
        kanoon: true,
        ages: &[AgeGroup::Children, AgeGroup::Teens],
        activities: &[
            (
                "ساخت ربات با قطعات ساده",
                "بناء روبوت بقطع بسيطة",
                "Building robots from simple parts",
            ),
            ("آموزش برنامه‌نویسی", "تعليم البرمجة", "Teaching coding"),
        ],
        skills: &[
            ("برنامه‌نویسی", "البرمجة", "Programming"),
            ("الکترونیک", "الإلكترونيات", "Electronics"),
        ],
    },
    DeptTemplate {
        name: (
            "دپارتمان تاریخ شفاهی محله",
            "قسم التاريخ الشفوي للحي",
            "Neighbourhood oral history",
        ),
        field: Field::Cultural,
        kanoon: false,
        ages: &[AgeGroup::Adults, AgeGroup::Seniors],
        activities: &[
            (
                "گفت‌وگو با ریش‌سفیدان",
                "حوار مع كبار السن",
                "Talking with elders",
            ),
            (
                "ثبت عکس‌های قدیمی",
                "توثيق الصور القديمة",
                "Recording old photographs",
            ),
        ],
        skills: &[
            ("مصاحبه", "إجراء المقابلات", "Interviewing"),
            ("تایپ فارسی", "الطباعة بالفارسية", "Persian typing"),
        ],
    },
    DeptTemplate {
        name: (
            "دپارتمان محیط زیست و آب",
            "قسم البيئة والمياه",
            "Environment and water",
        ),
        field: Field::Social,
        kanoon: false,
        ages: &[AgeGroup::Teens, AgeGroup::Adults],
        activities: &[
            (
                "پاک‌سازی کنارهٔ کارون",
                "تنظيف ضفاف نهر كارون",
                "Cleaning the Karun riverside",
            ),
            (
                "آموزش صرفه‌جویی آب",
                "التوعية بترشيد المياه",
                "Teaching water saving",
            ),
        ],
        skills: &[
            ("کار گروهی", "العمل الجماعي", "Teamwork"),
            ("آموزش کودکان", "تعليم الأطفال", "Teaching children"),
        ],
    },
    DeptTemplate {
        name: (
            "دپارتمان کمک‌درسی داوطلبانه",
            "قسم الدعم الدراسي التطوعي",
            "Volunteer homework help",
        ),
        field: Field::Social,
        kanoon: false,
        ages: &[AgeGroup::Adults],
        activities: &[
            (
                "کمک به تکالیف دانش‌آموزان",
                "مساعدة التلاميذ في الواجبات",
                "Helping pupils with homework",
            ),
            ("کلاس ریاضی", "صف الرياضيات", "Maths class"),
        ],
        skills: &[
            ("ریاضی", "الرياضيات", "Mathematics"),
            ("زبان انگلیسی", "اللغة الإنجليزية", "English"),
        ],
    },
    DeptTemplate {
        name: (
            "دپارتمان تئاتر و نمایش خلاق",
            "قسم المسرح والدراما الإبداعية",
            "Theatre and creative drama",
        ),
        field: Field::Cultural,
        kanoon: true,
        ages: &[AgeGroup::Children, AgeGroup::Teens],
        activities: &[
            ("تمرین نمایش", "تمارين المسرح", "Rehearsals"),
            (
                "اجرای نمایش در مدرسه",
                "عروض في المدارس",
                "Shows in schools",
            ),
        ],
        skills: &[
            ("بازیگری", "التمثيل", "Acting"),
            ("ساخت عروسک", "صنع الدمى", "Puppet making"),
        ],
    },
];

const FIRST_NAMES: [&str; 8] = [
    "مریم",
    "علی",
    "زهرا",
    "حسین",
    "فاطمه",
    "عباس",
    "سارا",
    "رضا",
];
const LAST_NAMES: [&str; 8] = [
    "موسوی",
    "عساکره",
    "کعبی",
    "نیسی",
    "رحیمی",
    "سواری",
    "باوی",
    "چنانی",
];

/// What to generate.
pub struct Spec {
    pub seed: u64,
    pub services: usize,
    pub departments: usize,
    /// Pilot-county places only (the sample) or all 30 counties (benchmarks).
    pub pilot_only: bool,
    pub sample: bool,
}

fn random_point(rng: &mut Rng, shapes: &CountyShapes, county: &str, spread_km: f64) -> (f64, f64) {
    let Some(shape) = shapes.get(county) else {
        return (31.3, 48.68);
    };
    let (lat0, lon0) = shape.seat;
    for _ in 0..200 {
        let r = spread_km * rng.unit().sqrt();
        let a = rng.unit() * std::f64::consts::TAU;
        let lat = lat0 + r * a.sin() / 111.0;
        let lon = lon0 + r * a.cos() / (111.0 * lat0.to_radians().cos());
        if shape.contains(lat, lon) {
            return ((lat * 1e5).round() / 1e5, (lon * 1e5).round() / 1e5);
        }
    }
    (lat0, lon0)
}

fn phone(rng: &mut Rng) -> String {
    format!("061-{}{}", 3300 + rng.below(600), 1000 + rng.below(9000))
}

fn weekly(byday: &str, opens: &str, closes: &str) -> Schedule {
    Schedule {
        freq: "WEEKLY".into(),
        byday: byday.into(),
        opens_at: opens.into(),
        closes_at: closes.into(),
        ..Default::default()
    }
}

fn hours(rng: &mut Rng) -> Vec<Schedule> {
    match rng.below(4) {
        // Split hours around the midday heat, closed Friday.
        0 => vec![
            weekly("SA,SU,MO,TU,WE", "08:00", "12:30"),
            weekly("SA,SU,MO,TU,WE", "17:00", "20:30"),
            weekly("TH", "08:00", "12:00"),
        ],
        1 => vec![weekly("SA,SU,MO,TU,WE,TH", "07:30", "14:00")],
        2 => vec![
            weekly("SA,SU,MO,TU,WE,TH", "16:00", "21:00"),
            weekly("FR", "09:00", "12:00"),
        ],
        _ => vec![
            weekly("SA,SU,MO,TU,WE", "08:00", "13:00"),
            Schedule {
                valid_from: "2026-12-20".into(),
                valid_to: "2026-12-22".into(),
                x_closed: true,
                description: "تعطیل برای تعمیرات".into(),
                ..Default::default()
            },
        ],
    }
}

pub fn generate(spec: &Spec, shapes: &CountyShapes) -> Catalog {
    let mut rng = Rng::new(spec.seed);
    let mut c = Catalog {
        format_version: "1.0".into(),
        updated: "2026-11-25T09:00:00+03:30".into(),
        x_sample: spec.sample,
        ..Default::default()
    };
    for (id, kind, name) in ORGS {
        c.organizations.push(Organization {
            id: id.into(),
            name: name.0.into(),
            x_kind: kind,
            phones: vec![Phone {
                number: phone(&mut rng).into(),
                description: String::new(),
            }],
            x_translations: tr(&[("name", name.0, name.1, name.2)]),
            ..Default::default()
        });
    }
    let tak = (
        "تالار گفت‌وگو (تاک)",
        "قاعة الحوار (تاك)",
        "Dialogue Hall (TAK)",
    );
    let card = (
        "رفاه‌کارت فرهنگی و اجتماعی",
        "بطاقة الرفاه الثقافية والاجتماعية",
        "Cultural and Social Welfare Card",
    );
    for (id, n) in [("tak", tak), ("welfare-card", card)] {
        c.programs.push(Program {
            id: id.into(),
            name: n.0.into(),
            x_translations: tr(&[("name", n.0, n.1, n.2)]),
            ..Default::default()
        });
    }
    for cat in &CATEGORIES {
        c.taxonomy_terms.push(TaxonomyTerm {
            id: cat.id.into(),
            name: cat.name.0.into(),
            x_translations: tr(&[("name", cat.name.0, cat.name.1, cat.name.2)]),
        });
    }
    for shape in &shapes.counties {
        let (phase, starts, ends) = if PILOT.contains(&shape.id.as_str()) {
            (Phase::Pilot, "2026-09-01", "2026-11-30")
        } else if NEXT.contains(&shape.id.as_str()) {
            (Phase::Next, "2026-12-01", "2027-05-31")
        } else {
            (Phase::Planned, "2027-06-01", "2028-11-30")
        };
        let ar = if shape.name_ar.is_empty() {
            shape.name_fa.as_str()
        } else {
            shape.name_ar.as_str()
        };
        c.x_counties.push(County {
            id: shape.id.clone().into(),
            name: shape.name_fa.clone(),
            phase,
            starts: starts.into(),
            ends: ends.into(),
            x_translations: tr(&[("name", &shape.name_fa, ar, &shape.name_en)]),
        });
    }
    let place_counties: Vec<String> = if spec.pilot_only {
        PILOT.iter().map(|s| s.to_string()).collect()
    } else {
        shapes.counties.iter().map(|s| s.id.clone()).collect()
    };
    let fallback_area: Tri = ("مرکز شهر", "وسط المدينة", "Town centre");
    // Returns the new location's id and its area's name in the three languages.
    let new_location = |c: &mut Catalog,
                        rng: &mut Rng,
                        venue: Tri,
                        county: &str|
     -> (String, (String, String, String)) {
        let area = *areas(county)
            .get(rng.below(areas(county).len().max(1)))
            .unwrap_or(&fallback_area);
        let shape = shapes.get(county);
        let (seat_fa, seat_en) = shape
            .map(|s| (s.seat_fa.as_str(), s.seat_en.as_str()))
            .unwrap_or(("", ""));
        // Arabic names the place by its county, spelled as Arabic spells it.
        let county_ar = shape
            .map(|s| s.name_ar.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(seat_fa);
        let (area_fa, area_ar, area_en) = if areas(county).is_empty() {
            (seat_fa, county_ar, seat_en)
        } else {
            area
        };
        let (lat, lon) = random_point(
            rng,
            shapes,
            county,
            if county == "ahvaz" { 7.0 } else { 4.0 },
        );
        let id = format!("loc-{}", c.locations.len() + 1);
        let name = (
            format!("{} {}", venue.0, area_fa),
            format!("{} {}", venue.1, area_ar),
            format!("{} {}", venue.2, area_en),
        );
        let street = 1 + rng.below(40);
        let addr = (
            format!("{area_fa}، خیابان {street}"),
            format!("{area_ar}، الشارع {street}"),
            format!("Street {street}, {area_en}"),
        );
        c.locations.push(Location {
            id: id.clone().into(),
            name: name.0.clone(),
            x_county_id: county.into(),
            address: Address {
                address_1: addr.0.clone(),
                city: seat_fa.into(),
            },
            latitude: lat,
            longitude: lon,
            accessibility: Vec::new(),
            x_facilities: Facilities {
                wheelchair: rng.chance(0.5),
                air_conditioned: rng.chance(0.7),
                backup_power: rng.chance(0.35),
            },
            x_translations: tr(&[
                ("name", &name.0, &name.1, &name.2),
                ("address.address_1", &addr.0, &addr.1, &addr.2),
            ]),
        });
        (
            id,
            (
                area_fa.to_string(),
                area_ar.to_string(),
                area_en.to_string(),
            ),
        )
    };

    for i in 0..spec.services {
        let cat = &CATEGORIES[i % CATEGORIES.len()];
        let base = cat.services[(i / CATEGORIES.len()) % cat.services.len()];
        let home = place_counties[rng.below(place_counties.len())].clone();
        let county_shape = shapes.get(&home);
        let county_name = county_shape
            .map(|s| {
                (
                    s.name_fa.clone(),
                    if s.name_ar.is_empty() {
                        s.name_fa.clone()
                    } else {
                        s.name_ar.clone()
                    },
                    s.name_en.clone(),
                )
            })
            .unwrap_or_default();
        let name = (
            format!("{} در {}", base.0, county_name.0),
            format!("{} في {}", base.1, county_name.1),
            format!("{} in {}", base.2, county_name.2),
        );
        // Names that promise a discount get one; the rest are mostly free.
        let (free, percent) = if base.2.contains("Half-price") {
            (false, Some(50))
        } else if base.2.contains("discount") {
            (false, Some(30))
        } else if rng.chance(0.75) {
            (true, None)
        } else {
            (false, Some([20, 30][rng.below(2)] as i64))
        };
        let show = (
            "رفاه‌کارت و کارت ملی",
            "بطاقة الرفاه والبطاقة الوطنية",
            "Welfare Card and national ID card",
        );
        let desc = (
            format!(
                "{} برای دارندگان رفاه‌کارت، با همکاری {}.",
                base.0, ORGS[cat.org].2 .0
            ),
            format!(
                "{} لحاملي بطاقة الرفاه، بالتعاون مع {}.",
                base.1, ORGS[cat.org].2 .1
            ),
            format!(
                "{} for Welfare Card holders, with {}.",
                base.2, ORGS[cat.org].2 .2
            ),
        );
        let elig = (
            "ساکنان مناطق کم‌برخوردار شهرستان که رفاه‌کارت دارند.",
            "سكان المناطق المحرومة في المقاطعة من حاملي بطاقة الرفاه.",
            "Residents of the county's deprived areas who hold a Welfare Card.",
        );
        let how = (
            "رفاه‌کارت را هنگام ورود نشان دهید؛ نوبت لازم نیست.",
            "أظهر بطاقة الرفاه عند الدخول؛ لا حاجة إلى موعد.",
            "Show your Welfare Card at the entrance; no appointment needed.",
        );
        let fees = if free {
            ("رایگان", "مجاني", "Free")
        } else {
            (
                "با تخفیف رفاه‌کارت",
                "بخصم بطاقة الرفاه",
                "Discounted with the Welfare Card",
            )
        };
        let coming = spec.sample && i >= spec.services.saturating_sub(4);
        let mut t = tr(&[
            ("name", &name.0, &name.1, &name.2),
            ("description", &desc.0, &desc.1, &desc.2),
            ("eligibility_description", elig.0, elig.1, elig.2),
            ("application_process", how.0, how.1, how.2),
            ("fees_description", fees.0, fees.1, fees.2),
            ("x_benefit.show", show.0, show.1, show.2),
        ]);
        let mut alert = String::new();
        if i % 17 == 5 {
            let a = (
                "به دلیل قطع برق، ساعت کار این هفته تا ۱۲ است.",
                "بسبب انقطاع الكهرباء، ينتهي الدوام هذا الأسبوع عند الساعة 12.",
                "Because of power cuts, it closes at 12:00 this week.",
            );
            alert = a.0.into();
            t.insert("ar", "alert", TrValue::One(a.1.into()));
            t.insert("en", "alert", TrValue::One(a.2.into()));
        }
        let id = format!("svc-{}", i + 1);
        c.services.push(Service {
            id: id.clone().into(),
            name: name.0.clone(),
            organization_id: ORGS[cat.org].0.into(),
            program_id: "welfare-card".into(),
            description: desc.0.clone(),
            status: if i % 23 == 11 {
                Status::TemporarilyClosed
            } else {
                Status::Active
            },
            alert,
            assured_date: format!("2026-11-{:02}", 1 + rng.below(24)).into(),
            eligibility_description: elig.0.into(),
            application_process: how.0.into(),
            fees_description: fees.0.into(),
            x_category: cat.id.into(),
            languages: ["fa", "ar"]
                .iter()
                .map(|l| LanguageRef {
                    code: l.to_string().into(),
                })
                .collect(),
            required_documents: vec![
                RequiredDocument {
                    document: "رفاه‌کارت".into(),
                },
                RequiredDocument {
                    document: "کارت ملی".into(),
                },
            ],
            cost_options: Vec::new(),
            x_benefit: Benefit {
                kind: if free {
                    BenefitKind::Free
                } else {
                    BenefitKind::Discount
                },
                percent,
                show: show.0.into(),
            },
            x_coming_to: if coming {
                vec![
                    NEXT[i % NEXT.len()].into(),
                    NEXT[(i + 1) % NEXT.len()].into(),
                ]
            } else {
                Vec::new()
            },
            phones: vec![Phone {
                number: phone(&mut rng).into(),
                description: String::new(),
            }],
            x_translations: t,
            ..Default::default()
        });
        if coming {
            continue;
        }
        let places = 1 + rng.below(3);
        for p in 0..places {
            let county = if p == 0 {
                home.clone()
            } else {
                place_counties[rng.below(place_counties.len())].clone()
            };
            let (loc, _) = new_location(&mut c, &mut rng, cat.venue, &county);
            let sal_id = format!("sal-{}", c.service_at_locations.len() + 1);
            let schedules = hours(&mut rng);
            c.service_at_locations.push(ServiceAtLocation {
                id: sal_id.into(),
                service_id: id.clone().into(),
                location_id: loc.into(),
                schedules,
                phones: Vec::new(),
            });
        }
    }

    for i in 0..spec.departments {
        let tpl = &DEPARTMENTS[i % DEPARTMENTS.len()];
        let county = place_counties[i % place_counties.len()].clone();
        let (host, venue) = if tpl.kanoon {
            (
                "org-kanoon",
                (
                    "مرکز کانون پرورش فکری",
                    "مركز كانون للتنمية الفكرية",
                    "Kanoon centre",
                ),
            )
        } else {
            (
                "org-libraries",
                ("کتابخانهٔ عمومی", "المكتبة العامة", "Public library"),
            )
        };
        let (loc, area) = new_location(&mut c, &mut rng, venue, &county);
        // Names carry the neighbourhood, so two groups of the same kind are told apart.
        let dname = (
            format!("{} ({})", tpl.name.0, area.0),
            format!("{} ({})", tpl.name.1, area.1),
            format!("{} ({})", tpl.name.2, area.2),
        );
        let loc_name = c
            .locations
            .last()
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let loc_en = c
            .locations
            .last()
            .and_then(|l| match l.x_translations.get("en", "name") {
                Some(TrValue::One(s)) => Some(s.clone()),
                _ => None,
            });
        let capacity = [12, 15, 20, 25, 30][rng.below(5)] as i64;
        let places = if i % 5 == 3 {
            0
        } else {
            rng.below(capacity as usize) as i64 + 1
        };
        let desc = (
            format!(
                "گروهی از داوطلبان در {} که هر هفته دور هم جمع می‌شوند. تازه‌واردها خوش آمدند.",
                loc_name
            ),
            "مجموعة من المتطوعين تلتقي كل أسبوع. القادمون الجدد مرحَّب بهم.".to_string(),
            format!(
                "Volunteers who meet every week at {}. Newcomers are welcome.",
                loc_en.unwrap_or_default()
            ),
        );
        let mut t = tr(&[
            ("name", &dname.0, &dname.1, &dname.2),
            ("description", &desc.0, &desc.1, &desc.2),
        ]);
        tr_list(&mut t, "activities", tpl.activities);
        tr_list(&mut t, "skills_wanted", tpl.skills);
        let day = ["SA", "SU", "MO", "TU", "WE", "TH"][rng.below(6)];
        let day2 = ["SA", "SU", "MO", "TU", "WE", "TH"][rng.below(6)];
        let byday = if day == day2 {
            day.to_string()
        } else {
            format!("{day},{day2}")
        };
        let start = ["09:00", "10:00", "16:30", "17:00", "18:00"][rng.below(5)];
        let end = match start {
            "09:00" => "11:00",
            "10:00" => "12:00",
            "16:30" => "18:30",
            "17:00" => "19:00",
            _ => "20:00",
        };
        c.x_tak_departments.push(Department {
            id: format!("tak-{}", i + 1).into(),
            name: dname.0.clone(),
            description: desc.0,
            field: tpl.field,
            host_organization_id: host.into(),
            location_id: loc.into(),
            schedules: vec![weekly(&byday, start, end)],
            age_groups: tpl.ages.to_vec(),
            activities: tpl.activities.iter().map(|a| a.0.to_string()).collect(),
            skills_wanted: tpl.skills.iter().map(|a| a.0.to_string()).collect(),
            capacity,
            places_available: places,
            coordinator: Coordinator {
                name: format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES)),
                phone: format!("0916{:07}", rng.below(10_000_000)),
            },
            x_translations: t,
        });
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_catalog() {
        let shapes = CountyShapes::default();
        let spec = Spec {
            seed: 3,
            services: 20,
            departments: 5,
            pilot_only: true,
            sample: false,
        };
        let a = serde_json::to_string(&generate(&spec, &shapes)).unwrap();
        let b = serde_json::to_string(&generate(&spec, &shapes)).unwrap();
        assert_eq!(a, b);
    }
}
