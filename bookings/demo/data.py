"""What `manage.py demo_data` loads: a clinic a new user can try every page on.

Only Ofcom's drama numbers (07700 900xxx) and example.com addresses: nothing here is real."""

from datetime import date, time

from bookings.services import Intake, PatientDetails

TREATMENTS = [
    # slug, name, summary, minutes, buffer, price, confirms automatically, guide page
    (
        "general-consultation",
        "General milia consultation",
        "Not sure what you need? A dermatologist checks your skin and explains your options.",
        30,
        5,
        "120",
        True,
        "/milia/treatments/",
    ),
    (
        "milia-extraction",
        "Milia extraction",
        "Each milium is gently opened and emptied with sterile tools.",
        30,
        10,
        "180",
        False,
        "/milia/treatments/extraction/",
    ),
    (
        "chemical-peel",
        "Chemical peel",
        "A mild acid peel for many small milia, away from the eyes.",
        45,
        15,
        "150",
        False,
        "/milia/treatments/chemical-peels/",
    ),
    (
        "laser-treatment",
        "Laser treatment",
        "A fine laser opens stubborn or many milia.",
        45,
        15,
        "250",
        False,
        "/milia/treatments/laser/",
    ),
    (
        "cryotherapy",
        "Cryotherapy",
        "Freezing with liquid nitrogen, for milia away from the eyes.",
        20,
        10,
        "140",
        False,
        "/milia/treatments/cryotherapy/",
    ),
]

PREPARATION = {
    "general-consultation": "Bring a list of any creams or medicines you use. Come without make-up on the areas you want us to look at.",
    "milia-extraction": "Come without make-up on the area. Bring a list of any medicines you take, especially blood thinners.",
    "chemical-peel": "Stop retinoid creams and exfoliating acids 5 to 7 days before, as your dermatologist advised. Avoid waxing the area for a week.",
    "laser-treatment": "Do not tan, use sunbeds or fake tan for 4 weeks before. Stop retinoid creams 5 to 7 days before, as your dermatologist advised.",
    "cryotherapy": "Come without make-up on the area. Tell us if you have ever had a bad reaction to cold.",
}

MON, TUE, WED, THU, FRI, SAT = range(6)
DERMATOLOGISTS = [
    {
        "username": "dr.okafor",
        "first_name": "Amara",
        "last_name": "Okafor",
        "name": "Dr Amara Okafor",
        "post_nominals": "MBBS, MRCP (Dermatology)",
        "gmc_number": "7012345",
        "bio": "Consultant dermatologist with a special interest in skin of colour and eyelid milia.",
        "treatments": [
            "general-consultation",
            "milia-extraction",
            "chemical-peel",
            "laser-treatment",
            "cryotherapy",
        ],
        "hours": {
            day: [(time(9), time(13)), (time(14), time(17, 30))] for day in (MON, TUE, WED, THU)
        },
    },
    {
        "username": "dr.whitfield",
        "first_name": "James",
        "last_name": "Whitfield",
        "name": "Dr James Whitfield",
        "post_nominals": "MB ChB, FRCP",
        "gmc_number": "6023456",
        "bio": "Consultant dermatologist who leads the clinic's laser and peel service.",
        "treatments": [
            "general-consultation",
            "milia-extraction",
            "chemical-peel",
            "laser-treatment",
        ],
        "hours": {
            day: [(time(10), time(13)), (time(14), time(18))] for day in (TUE, WED, THU, FRI)
        },
    },
    {
        "username": "dr.raman",
        "first_name": "Priya",
        "last_name": "Raman",
        "name": "Dr Priya Raman",
        "post_nominals": "MBBS, MRCP (UK), MSc",
        "gmc_number": "7134567",
        "bio": "Dermatologist with a background in paediatric skin conditions.",
        "treatments": ["general-consultation", "milia-extraction", "cryotherapy"],
        "hours": {
            MON: [(time(9), time(12, 30)), (time(13, 30), time(16))],
            WED: [(time(9), time(12, 30)), (time(13, 30), time(16))],
            FRI: [(time(9), time(12, 30)), (time(13, 30), time(16))],
            SAT: [(time(9), time(13))],
        },
    },
]

BANK_HOLIDAYS = [
    (date(2026, 12, 25), date(2026, 12, 25), "Christmas Day"),
    (date(2026, 12, 28), date(2026, 12, 28), "Boxing Day (substitute day)"),
    (date(2027, 1, 1), date(2027, 1, 1), "New Year's Day"),
    (date(2027, 3, 26), date(2027, 3, 26), "Good Friday"),
    (date(2027, 3, 29), date(2027, 3, 29), "Easter Monday"),
    (date(2027, 5, 3), date(2027, 5, 3), "Early May bank holiday"),
]

# Demo staff have single-use two-factor codes instead of an authenticator app;
# every run of this command puts back any that were used.
DEMO_OTP_CODES = [str(100001 + n) for n in range(10)]

STAFF_LOGINS = [
    # username, password, group, may open the admin, where they sign in
    ("reception", "kingsway-reception-demo", "Reception", True, "/admin/"),
    # Dermatologists use their schedule pages, never the admin.
    ("dr.okafor", "kingsway-okafor-demo", "Dermatologists", False, "/staff/login/"),
]

DEMO_PATIENTS = [
    ("Sarah Thompson", "sarah.thompson@example.com", "07700 900123", date(1988, 4, 12)),
    ("Mohammed Khan", "m.khan@example.com", "07700 900456", date(1975, 9, 30)),
    ("Grace Adeyemi", "grace.adeyemi@example.com", "07700 900789", date(1996, 1, 5)),
    ("Tom Walsh", "tom.walsh@example.com", "07700 900321", date(1969, 11, 22)),
]

# Callers booked in for later today with whoever else works today, so that
# reception's first page, today's diary, has a day to show whatever the weekday.
TODAY_PATIENTS = [
    PatientDetails(
        name="Daniel Okoro",
        email="daniel.okoro@example.com",
        phone="07700 900246",
        date_of_birth=date(1979, 3, 14),
    ),
    PatientDetails(
        name="Lucy Harper",
        email="lucy.harper@example.com",
        phone="07700 900468",
        date_of_birth=date(2001, 8, 27),
    ),
    PatientDetails(
        name="Ravi Mehta",
        email="ravi.mehta@example.com",
        phone="07700 900680",
        date_of_birth=date(1964, 12, 2),
    ),
    PatientDetails(
        name="Chloe Evans",
        email="chloe.evans@example.com",
        phone="07700 900802",
        date_of_birth=date(1993, 5, 30),
    ),
]

OKAFOR_PATIENTS = [
    (
        PatientDetails(
            name="Aisha Rahman",
            email="aisha.rahman@example.com",
            phone="07700 900654",
            date_of_birth=date(1991, 6, 18),
        ),
        "milia-extraction",
        Intake(
            areas=["eyes"],
            how_long="over_1_year",
            how_many="1_to_5",
            tried_home_removal=False,
            pregnancy="no",
            tried_already="Retinol cream for three months.",
        ),
    ),
    (
        PatientDetails(
            name="Oliver Bennett",
            email="helen.bennett@example.com",
            phone="07700 900987",
            date_of_birth=date(2012, 2, 3),
            guardian_name="Helen Bennett",
            guardian_relationship="mother",
        ),
        "general-consultation",
        Intake(
            areas=["cheeks", "nose"],
            how_long="1_to_6_months",
            how_many="6_to_20",
            tried_home_removal=True,
            pregnancy="not_say",
            warning_signs=["infection"],
            note="One on his cheek went red after he squeezed it.",
        ),
    ),
    (
        PatientDetails(
            name="Emma Clarke",
            email="emma.clarke@example.com",
            phone="07700 900555",
            date_of_birth=date(1983, 10, 9),
        ),
        "chemical-peel",
        Intake(
            areas=["forehead"],
            how_long="6_to_12_months",
            how_many="over_20",
            tried_home_removal=False,
            pregnancy="trying",
        ),
    ),
]
