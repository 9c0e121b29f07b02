"""Brings the guide's urgent advice to a database that already holds the guide.

Migration 0002 reads the content files only into an empty database, so a
clinic that has migrated never sees an edited file. This migration carries the
approved text of the sections it changes, old and new, frozen here so later
edits to the content files cannot change what it does:

- a section still as first loaded is replaced by the approved text;
- a section already holding the approved text (a new database, which loads
  the current files) is left as it is;
- a section that reception has edited in the admin is left as they wrote it,
  listed, and described in a notice the guide's admin pages show, with the
  approved text to compare.

Pages whose urgent advice is now the approved text carry the reviewing
dermatologist and the date of that review.
"""

from datetime import date

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

NOTICE_TITLE = "Urgent advice updated: 999, 111, GP and babies (reviewed 30 November 2026)"

REVIEWER = {
    "name": "Dr Amara Okafor",
    "post_nominals": "MRCP (Dermatology)",
    "role": "Consultant Dermatologist",
}
REVIEWED_ON = date(2026, 11, 30)
NEXT_REVIEW_DUE = date(2027, 11, 30)
# The review every page carried before this one (education/loader.py, 0002).
PREVIOUS_REVIEW = (date(2026, 11, 20), date(2027, 11, 20))

# The guide's home page shows the urgent-help box from its template, and the
# questions page carries FAQ_CHANGES; both are covered by the same review.
HUB_SLUG = "milia-guide"
FAQS_SLUG = "faqs"

WHAT_CHANGED = """\
Reviewed by Dr Amara Okafor, Consultant Dermatologist, on 30 November 2026.

Urgent advice now comes in boxes, most urgent first: Call 999 or go to A&E, \
Call 111 now, See a GP, and Book with us. Each box looks different, and the \
section type says which box it is.

- What are milia?: "Good to know" no longer says milia are never a sign of \
anything serious; it says when they are worth checking.
- Types of milia: babies: Epstein pearls (the same cysts in a baby's mouth), no \
adult products on a baby's skin, a 999 box (a rash that does not fade under a \
glass, trouble breathing, a floppy baby) and a 111 box (a baby under 3 months \
with a temperature of 38C or more). New section on the rare conditions that \
milia can come with. The "See a GP or dermatologist" box is now a See a GP box.
- Why you should not remove milia at home: the red box that sent an unwell \
person to a GP or pharmacist is now a 999 box, and the calm "Near your eyes" \
note is now a 111 box.
- When to see a doctor: new 999 and 111 boxes at the top; the GP box adds a bump \
that has not healed in 4 weeks and a yellowish patch on the eyelids; the clinic \
box lists cosmetic reasons to book; the infection and baby sections point to \
the boxes.
- Milia extraction, Laser treatment, Chemical peels and Cryotherapy: after the \
aftercare, a 999 box and a 111 box for an infection after treatment.
- Common questions: "Do milia hurt?", "When should I see a doctor about \
milia?" and "Are milia dangerous?" follow the same advice.
"""

SECTION_CHANGES = [
    {
        "page": "what-are-milia",
        "old": {
            "kind": "callout",
            "heading": "Good to know",
            "body": "Milia are not an infection. You cannot catch them from someone else or pass them on. They are not a sign of anything serious.",
        },
        "new": {
            "kind": "callout",
            "heading": "Good to know",
            "body": "Milia are not an infection. You cannot catch them from someone else or pass them on.\n\nOn their own, milia are harmless. Very rarely, they come with another skin condition, so it is worth getting them checked if they do not look or behave like ordinary milia. Our page on [when to see a doctor](/milia/when-to-see-a-doctor/) explains what to look out for.",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "text",
            "heading": "Neonatal milia (milia in babies)",
            "body": "Neonatal milia are milia in newborn babies. They are very common. Up to half of all newborns have them.\n\nThey are most often on the nose. They can also appear on the cheeks, chin, forehead and scalp.\n\nThey usually clear up by themselves within a few weeks. You do not need to do anything. Do not squeeze them or put creams on them.",
        },
        "new": {
            "kind": "text",
            "heading": "Neonatal milia (milia in babies)",
            "body": "Neonatal milia are milia in newborn babies. They are very common. Up to half of all newborns have them.\n\nThey are most often on the nose. They can also appear on the cheeks, chin, forehead and scalp.\n\nMany babies also have the same tiny white cysts inside their mouth, on the gums or the roof of the mouth. These are called Epstein pearls. They are not teeth coming through. They are harmless, and they go away by themselves within a few weeks.\n\nNeonatal milia usually clear up by themselves within a few weeks. You do not need to do anything. Do not squeeze them. Do not put creams, oils or other products made for adults on your baby's skin.",
        },
    },
    {
        "page": "types",
        "old": None,
        "new": {
            "kind": "call_999",
            "heading": "Call 999 or go to A&E now if your baby",
            "body": "- has a rash that does not fade when you press the side of a clear glass firmly against it\n- has trouble breathing, for example breathing very fast, grunting, or pausing between breaths\n- is floppy, very sleepy or hard to wake",
        },
    },
    {
        "page": "types",
        "old": None,
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now, or go to A&E, if your baby",
            "body": "- is under 3 months old and has a temperature of 38°C or more\n- seems unwell and is getting worse, or you are worried about them\n\nMilia do not make a baby ill or give them a temperature, so do not wait for the milia to clear.",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "callout",
            "heading": "If you are worried about your baby",
            "body": "Milia in babies are harmless and need no treatment. If you are worried, or your baby seems unwell in any way, talk to your health visitor, midwife or GP.",
        },
        "new": {
            "kind": "callout",
            "heading": "Other worries about your baby's skin",
            "body": "Milia in babies are harmless and need no treatment. If something else about your baby's skin worries you, talk to your health visitor, midwife or GP.",
        },
    },
    {
        "page": "types",
        "old": None,
        "new": {
            "kind": "text",
            "heading": "When milia come with another condition",
            "body": "Very rarely, milia are a sign of something else going on in the skin. They can appear:\n\n- with some skin conditions that run in families. A few of these also raise the chance of skin cancer, so a dermatologist checks the skin regularly over the years\n- where blisters have healed, in blistering conditions such as porphyria cutanea tarda or epidermolysis bullosa\n- as a side effect of some medicines\n\nThese conditions are rare, and they usually cause other signs as well as milia. Most people with milia have none of them. It is still worth getting your milia checked if you notice any of the signs in the box below.",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "see_someone",
            "heading": "See a GP or dermatologist if",
            "body": "- lots of new milia appear over a few weeks or months\n- your milia sit on a raised or red patch of skin\n- milia appear after a blistering rash, a burn or starting a new medicine\n- you are not sure what the bumps are",
        },
        "new": {
            "kind": "see_gp",
            "heading": "See a GP if",
            "body": "- lots of new milia appear over a few weeks or months\n- your milia sit on a raised or red patch of skin\n- milia appear after a blistering rash, a burn or starting a new medicine\n- you get blisters, or skin that tears or scars easily, as well as milia\n- other people in your family have milia together with other skin problems\n- you are not sure what the bumps are\n\nYour GP can refer you to a dermatologist if needed.",
        },
    },
    {
        "page": "removing-milia-at-home",
        "old": {
            "kind": "see_someone",
            "heading": "If you have already tried, see a GP or pharmacist promptly if you notice",
            "body": "- redness that is spreading\n- swelling\n- skin that feels hot\n- pain that is getting worse\n- pus, which is yellow or green fluid\n- you feel unwell or have a high temperature",
        },
        "new": {
            "kind": "call_999",
            "heading": "If you have already tried: call 999 or go to A&E now if",
            "body": "- redness around the bump is spreading and you have a high temperature, or you feel very unwell\n- you have a very fast heartbeat, or you feel confused or very drowsy\n- the skin around your eye is swollen and your eye hurts, your sight changes, or it is hard to move your eye\n\nThese can be signs of a serious infection that needs treatment straight away.",
        },
    },
    {
        "page": "removing-milia-at-home",
        "old": {
            "kind": "callout",
            "heading": "Near your eyes",
            "body": "Get urgent help if swelling spreads around your eye, your eye itself hurts, or your eyesight changes. Call NHS 111, or go to A&E.",
        },
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the skin around the bump is painful, hot and swollen, especially on your face\n- redness or swelling is getting worse, or there is pus (yellow or green fluid)\n\nRedness can be harder to see on brown or black skin. You can call 111 or get help online at 111.nhs.uk.",
        },
    },
    {
        "page": "extraction",
        "old": None,
        "new": {
            "kind": "call_999",
            "heading": "After treatment: call 999 or go to A&E now if",
            "body": "- redness around the treated skin is spreading and you have a high temperature, or you feel very unwell\n- you have a very fast heartbeat, or you feel confused or very drowsy\n- the skin around your eye is swollen and your eye hurts, your sight changes, or it is hard to move your eye",
        },
    },
    {
        "page": "extraction",
        "old": None,
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the treated skin becomes painful, hot and swollen, especially on your face\n\nIf we are open, you can call us instead on 020 7946 0123.",
        },
    },
    {
        "page": "laser",
        "old": None,
        "new": {
            "kind": "call_999",
            "heading": "After treatment: call 999 or go to A&E now if",
            "body": "- redness around the treated skin is spreading and you have a high temperature, or you feel very unwell\n- you have a very fast heartbeat, or you feel confused or very drowsy\n- the skin around your eye is swollen and your eye hurts, your sight changes, or it is hard to move your eye",
        },
    },
    {
        "page": "laser",
        "old": None,
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the treated skin becomes painful, hot and swollen, especially on your face\n\nIf we are open, you can call us instead on 020 7946 0123.",
        },
    },
    {
        "page": "chemical-peels",
        "old": None,
        "new": {
            "kind": "call_999",
            "heading": "After treatment: call 999 or go to A&E now if",
            "body": "- redness around the treated skin is spreading and you have a high temperature, or you feel very unwell\n- you have a very fast heartbeat, or you feel confused or very drowsy",
        },
    },
    {
        "page": "chemical-peels",
        "old": None,
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the treated skin becomes painful, hot and swollen, especially on your face\n\nIf we are open, you can call us instead on 020 7946 0123.",
        },
    },
    {
        "page": "cryotherapy",
        "old": None,
        "new": {
            "kind": "call_999",
            "heading": "After treatment: call 999 or go to A&E now if",
            "body": "- redness around the treated skin is spreading and you have a high temperature, or you feel very unwell\n- you have a very fast heartbeat, or you feel confused or very drowsy",
        },
    },
    {
        "page": "cryotherapy",
        "old": None,
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the treated skin becomes painful, hot and swollen, especially on your face\n\nIf we are open, you can call us instead on 020 7946 0123.",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "text",
            "heading": "The short answer",
            "body": "Most milia are harmless. You do not need to see a doctor for every small white bump.\n\nBut it is a good idea to get advice if something about your milia worries you, or if they do not look or behave like ordinary milia. The list below will help you decide.\n\nMilia are tiny cysts, which are small, closed sacs under the skin. They are filled with keratin, a tough protein found in your skin, hair and nails.",
        },
        "new": {
            "kind": "text",
            "heading": "The short answer",
            "body": "Most milia are harmless. You do not need to see a doctor for every small white bump.\n\nBut some signs mean you should get help, and a few mean you should get it quickly. The boxes below start with the most urgent.\n\nMilia are tiny cysts, which are small, closed sacs under the skin. They are filled with keratin, a tough protein found in your skin, hair and nails.",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": None,
        "new": {
            "kind": "call_999",
            "heading": "Call 999 or go to A&E now if",
            "body": "- redness around a bump is spreading and you have a high temperature, or you feel very unwell\n- you have a very fast heartbeat, or you feel confused or very drowsy\n- the skin around your eye is swollen and your eye hurts, your sight changes, or it is hard to move your eye\n- a baby has a rash that does not fade when you press a glass against it, or has trouble breathing",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": None,
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the skin around a bump is painful, hot and swollen, especially on your face\n- redness or swelling around a bump is getting worse, or there is pus\n- a baby under 3 months old has a temperature of 38°C or more (you can also go straight to A&E)\n\nRedness can be harder to see on brown or black skin.",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "see_someone",
            "heading": "See a GP or dermatologist if",
            "body": "- your milia do not go away, or they spread\n- you have lots of milia\n- your milia are on or around your eyes and you would like them removed\n- your milia are affecting how you feel about yourself\n- you are not sure the bumps are milia\n- lots of milia appear suddenly, in crops, over a few weeks or months\n- your milia sit on a red or raised patch of skin\n- milia appear after a blistering rash, a burn or starting a new medicine\n- a bump grows, bleeds, changes colour or shape, or looks different from the others",
        },
        "new": {
            "kind": "see_gp",
            "heading": "See a GP if",
            "body": "- a bump bleeds, grows, changes colour or shape, or has not healed after 4 weeks\n- you have a flat, yellowish patch on or around your eyelids\n- lots of milia appear suddenly, in crops, over a few weeks or months\n- your milia sit on a red or raised patch of skin\n- milia appear after a blistering rash, a burn or starting a new medicine\n- you are not sure the bumps are milia\n\nA yellowish patch on the eyelids is not milia. It can be a sign of high cholesterol, which a GP can check.",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "text",
            "heading": "Signs of infection",
            "body": "Milia do not usually become infected. But an infection can happen if the skin has been picked, squeezed or broken.\n\nSee a GP or pharmacist promptly if the skin around a bump:\n\n- becomes red, and the redness spreads\n- swells up\n- feels hot\n- is painful\n- has pus in it\n\nGet urgent help if swelling spreads around your eye, your eye hurts, your eyesight changes, or you feel very unwell. Call NHS 111, or go to A&E.",
        },
        "new": {
            "kind": "text",
            "heading": "Signs of infection",
            "body": "Milia do not usually become infected. But an infection can happen if the skin has been picked, squeezed or broken.\n\nSigns of infection are skin around a bump that becomes red, swollen, hot or painful, or has pus in it. Use the boxes above to decide how quickly to get help. A pharmacist can give advice if you are not sure.",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "text",
            "heading": "Milia in babies",
            "body": "Milia in newborn babies are very common and harmless. They usually clear up by themselves within a few weeks, and they need no treatment.\n\nDo not squeeze them or put creams on them. If you are worried about your baby's skin, or your baby seems unwell, talk to your health visitor, midwife or GP.",
        },
        "new": {
            "kind": "text",
            "heading": "Milia in babies",
            "body": "Milia in newborn babies are very common and harmless. They usually clear up by themselves within a few weeks, and they need no treatment. Some babies also have tiny white cysts on the gums or the roof of the mouth, called Epstein pearls. These are harmless and clear up by themselves too.\n\nDo not squeeze milia. Do not put creams, oils or other products made for adults on your baby's skin.\n\nMilia do not make a baby ill. If your baby seems unwell, use the boxes above: a baby under 3 months old with a temperature of 38°C or more needs urgent help. For other worries about your baby's skin, talk to your health visitor, midwife or GP.",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "callout",
            "heading": "Kingsway Skin Clinic",
            "body": "Our dermatologists can check your skin, confirm whether the bumps are milia and talk you through your options. Call us on 020 7946 0123, or visit us at 14 Kingsway, London WC2B 6LH.",
        },
        "new": {
            "kind": "book_us",
            "heading": "Book with us if",
            "body": "- your milia bother you and you would like them removed, including on or around your eyes\n- your milia are affecting how you feel about yourself\n- you would like a dermatologist to confirm the bumps are milia and talk you through your options\n\nRemoving milia for how they look is usually not available on the NHS. Call Kingsway Skin Clinic on 020 7946 0123, or visit us at 14 Kingsway, London WC2B 6LH.",
        },
    },
]
NEW_ORDER = {
    "what-are-milia": [
        "What milia are",
        "Good to know",
        "What milia look and feel like",
        "Where milia appear",
        "Who gets milia",
        "How milia differ from spots and whiteheads",
        "What you can do",
    ],
    "types": [
        "The main types at a glance",
        "Primary milia",
        "Secondary milia",
        "Neonatal milia (milia in babies)",
        "Call 999 or go to A&E now if your baby",
        "Call 111 now, or go to A&E, if your baby",
        "Other worries about your baby's skin",
        "Multiple eruptive milia",
        "Milia en plaque",
        "When milia come with another condition",
        "See a GP if",
    ],
    "removing-milia-at-home": [
        "The short answer",
        "Why it is tempting",
        "Milia are not spots",
        "Infection",
        "Scars and marks",
        "The skin around your eyes",
        "What to do instead",
        "If you have already tried: call 999 or go to A&E now if",
        "Call 111 now if",
    ],
    "extraction": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Aftercare",
        "After treatment: call 999 or go to A&E now if",
        "Call 111 now if",
        "Booking",
    ],
    "laser": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Before your treatment",
        "Aftercare",
        "After treatment: call 999 or go to A&E now if",
        "Call 111 now if",
    ],
    "chemical-peels": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Aftercare",
        "After treatment: call 999 or go to A&E now if",
        "Call 111 now if",
    ],
    "cryotherapy": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Aftercare",
        "After treatment: call 999 or go to A&E now if",
        "Call 111 now if",
    ],
    "when-to-see-a-doctor": [
        "The short answer",
        "Call 999 or go to A&E now if",
        "Call 111 now if",
        "See a GP if",
        "Signs of infection",
        "Milia in babies",
        "Who can help",
        "Book with us if",
    ],
}
OLD_ORDER = {
    "what-are-milia": [
        "What milia are",
        "Good to know",
        "What milia look and feel like",
        "Where milia appear",
        "Who gets milia",
        "How milia differ from spots and whiteheads",
        "What you can do",
    ],
    "types": [
        "The main types at a glance",
        "Primary milia",
        "Secondary milia",
        "Neonatal milia (milia in babies)",
        "If you are worried about your baby",
        "Multiple eruptive milia",
        "Milia en plaque",
        "See a GP or dermatologist if",
    ],
    "removing-milia-at-home": [
        "The short answer",
        "Why it is tempting",
        "Milia are not spots",
        "Infection",
        "Scars and marks",
        "The skin around your eyes",
        "What to do instead",
        "If you have already tried, see a GP or pharmacist promptly if you notice",
        "Near your eyes",
    ],
    "extraction": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Aftercare",
        "Booking",
    ],
    "laser": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Before your treatment",
        "Aftercare",
    ],
    "chemical-peels": [
        "What happens",
        "Who it may suit",
        "How well it works",
        "Risks",
        "Aftercare",
    ],
    "cryotherapy": ["What happens", "Who it may suit", "How well it works", "Risks", "Aftercare"],
    "when-to-see-a-doctor": [
        "The short answer",
        "See a GP or dermatologist if",
        "Signs of infection",
        "Milia in babies",
        "Who can help",
        "Kingsway Skin Clinic",
    ],
}
FAQ_CHANGES = [
    {
        "question": "Do milia hurt?",
        "old": "Milia do not usually hurt or itch. If a bump becomes red, swollen or sore, it may be irritated or infected, often after picking. See a pharmacist or GP if this happens.",
        "new": "Milia do not usually hurt or itch. If the skin around a bump becomes painful, hot and swollen, it may be infected, often after picking: call 111 now, especially if it is on your face. Call 999 or go to A&E if the redness spreads and you feel very unwell, or if the skin around your eye swells and your eye hurts or your sight changes.",
    },
    {
        "question": "When should I see a doctor about milia?",
        "old": "See a GP or dermatologist if your milia last a long time, spread, or there are lots of them. Also get advice if they are around your eyes, appear suddenly in crops, sit on a red patch, or affect how you feel. Get a bump checked if it grows, bleeds or changes.",
        "new": "See a GP if a bump bleeds, grows, changes or has not healed after 4 weeks, if you have a flat yellowish patch on your eyelids, or if lots of milia appear suddenly, sit on a red patch or follow a blistering rash. If milia simply bother you, a dermatologist can check them and talk about removing them. Our page on when to see a doctor says which signs need 111 or 999.",
    },
    {
        "question": "Are milia dangerous?",
        "old": "No. Milia are harmless and are not contagious. They are not a sign of infection or serious illness. The main concern for most people is how they look and how that makes them feel.",
        "new": "Milia themselves are harmless and are not contagious. For almost everyone they are just milia. Very rarely, they come with another condition, such as a blistering skin disease or a skin condition that runs in families, so get them checked if they appear suddenly, come with blisters or do not look like ordinary milia. The main concern for most people is how they look and how that makes them feel.",
    },
]


def _clean(text: str) -> str:
    # A form saved in the admin sends the browser's line endings back.
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _frozen(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "heading": data["heading"],
        "body": data.get("body", ""),
        "do_items": data.get("do_items", ""),
        "dont_items": data.get("dont_items", ""),
    }


def _is(section, data: dict) -> bool:
    return {
        "kind": section.kind,
        "heading": section.heading.strip(),
        "body": _clean(section.body),
        "do_items": _clean(section.do_items),
        "dont_items": _clean(section.dont_items),
    } == _frozen(data)


def _find(sections, data):
    return next((section for section in sections if _is(section, data)), None)


def _reorder(Section, page, headings: list[str], kept: list[dict]) -> None:
    order_of = {heading: number for number, heading in enumerate(headings, start=1)}
    # A section left as reception edited it takes the place of its replacement.
    for change in kept:
        order_of.setdefault(change["old"]["heading"], order_of[change["new"]["heading"]])
    for section in Section.objects.filter(page=page):
        if section.heading in order_of and section.order != order_of[section.heading]:
            section.order = order_of[section.heading]
            section.save(update_fields=["order"])


def _kept_text(page_title: str, heading: str, approved: str) -> str:
    quoted = "\n".join(f"    {line}" for line in approved.splitlines())
    return f'- {page_title}: "{heading}". The approved text is now:\n\n{quoted}\n'


def urgent_advice_apply(apps, schema_editor):
    Page = apps.get_model("education", "Page")
    Section = apps.get_model("education", "Section")
    FAQ = apps.get_model("education", "FAQ")
    Reviewer = apps.get_model("education", "Reviewer")
    GuideNotice = apps.get_model("education", "GuideNotice")

    if not Page.objects.exists():
        return  # no guide at all: nothing to update, and nothing to tell anyone

    pages = {page.slug: page for page in Page.objects.all()}
    applied = 0
    kept_notes = []
    kept_by_page: dict[str, list[dict]] = {}

    for change in SECTION_CHANGES:
        page = pages.get(change["page"])
        if page is None:
            kept_notes.append(
                _kept_text(change["page"], change["new"]["heading"], change["new"]["body"])
            )
            kept_by_page.setdefault(change["page"], []).append(change)
            continue
        sections = list(Section.objects.filter(page=page))
        if _find(sections, change["new"]):
            continue  # already the approved text
        if change["old"] is None:
            Section.objects.create(page=page, order=0, **_frozen(change["new"]))
            applied += 1
            continue
        section = _find(sections, change["old"])
        if section is None:
            kept_notes.append(
                _kept_text(page.title, change["old"]["heading"], change["new"]["body"])
            )
            kept_by_page.setdefault(page.slug, []).append(change)
            continue
        for field, value in _frozen(change["new"]).items():
            setattr(section, field, value)
        section.save()
        applied += 1

    for slug, headings in NEW_ORDER.items():
        if slug in pages:
            _reorder(Section, pages[slug], headings, kept_by_page.get(slug, []))

    faqs_kept = False
    for change in FAQ_CHANGES:
        faq = FAQ.objects.filter(question=change["question"]).first()
        if faq is not None and _clean(faq.answer) == change["new"]:
            continue
        if faq is not None and _clean(faq.answer) == change["old"]:
            faq.answer = change["new"]
            faq.save(update_fields=["answer"])
            applied += 1
            continue
        faqs_kept = True
        kept_notes.append(_kept_text("Common questions", change["question"], change["new"]))

    reviewer = Reviewer.objects.filter(name=REVIEWER["name"]).first()
    if reviewer is None:
        reviewer = Reviewer.objects.create(**REVIEWER)
    reviewed = [HUB_SLUG] + [slug for slug in NEW_ORDER if slug not in kept_by_page]
    if not faqs_kept:
        reviewed.append(FAQS_SLUG)
    Page.objects.filter(slug__in=reviewed).update(
        reviewed_by=reviewer, last_reviewed=REVIEWED_ON, next_review_due=NEXT_REVIEW_DUE
    )

    if applied or kept_notes:
        GuideNotice.objects.create(
            title=NOTICE_TITLE, changes=WHAT_CHANGED, kept="\n".join(kept_notes)
        )
    if kept_notes:
        print(
            "\n  The guide's urgent advice was not applied to these sections, which "
            "had been edited in the admin (see the notice in the admin):\n"
            + "".join(f"  {note.splitlines()[0]}\n" for note in kept_notes)
        )


def urgent_advice_revert(apps, schema_editor):
    Page = apps.get_model("education", "Page")
    Section = apps.get_model("education", "Section")
    FAQ = apps.get_model("education", "FAQ")
    GuideNotice = apps.get_model("education", "GuideNotice")

    pages = {page.slug: page for page in Page.objects.all()}
    for change in SECTION_CHANGES:
        page = pages.get(change["page"])
        if page is None:
            continue
        section = _find(list(Section.objects.filter(page=page)), change["new"])
        if section is None:
            continue
        if change["old"] is None:
            section.delete()
            continue
        for field, value in _frozen(change["old"]).items():
            setattr(section, field, value)
        section.save()
    for slug, headings in OLD_ORDER.items():
        if slug in pages:
            _reorder(Section, pages[slug], headings, [])
    for change in FAQ_CHANGES:
        for faq in FAQ.objects.filter(question=change["question"]):
            if _clean(faq.answer) == change["new"]:
                faq.answer = change["old"]
                faq.save(update_fields=["answer"])
    last, due = PREVIOUS_REVIEW
    Page.objects.filter(last_reviewed=REVIEWED_ON).update(last_reviewed=last, next_review_due=due)
    GuideNotice.objects.filter(title=NOTICE_TITLE).delete()


def reception_reads_notices(apps, schema_editor):
    # Permissions are normally made after all migrations have run; make them now.
    app = apps.get_app_config("education")
    app.models_module = True
    create_permissions(app, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    reception.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="education",
            codename__in=["view_guidenotice", "change_guidenotice"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0002_load_guide"),
        ("bookings", "0003_staff_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="GuideNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("title", models.CharField(max_length=200)),
                (
                    "changes",
                    models.TextField(
                        help_text="What the approved text now says.", verbose_name="what changed"
                    ),
                ),
                (
                    "kept",
                    models.TextField(
                        blank=True,
                        help_text="Sections not updated because they had been edited here, with the approved text.",
                        verbose_name="sections left as you edited them",
                    ),
                ),
                (
                    "done",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when the sections left as edited have been checked against the approved text.",
                        verbose_name="read and dealt with",
                    ),
                ),
            ],
            options={
                "verbose_name": "notice about approved text",
                "verbose_name_plural": "notices about approved text",
                "ordering": ["-created_at"],
            },
        ),
        migrations.AlterField(
            model_name="section",
            name="kind",
            field=models.CharField(
                choices=[
                    ("text", "Text"),
                    ("callout", "Callout (a highlighted note)"),
                    ("do_dont", "Do and don't lists"),
                    ("call_999", "Call 999 or go to A&E (emergency box)"),
                    ("call_111", "Call 111 now (urgent box)"),
                    ("see_gp", "See a GP (box)"),
                    ("book_us", "Book with us (clinic box)"),
                    ("see_someone", "See someone if (older box, shown like See a GP)"),
                ],
                default="text",
                max_length=20,
            ),
        ),
        migrations.RunPython(reception_reads_notices, migrations.RunPython.noop),
        migrations.RunPython(urgent_advice_apply, urgent_advice_revert),
    ]
