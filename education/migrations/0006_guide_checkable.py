"""The guide's checkable claims: "Is it milia?", sources with dates, an editorial page.

Like 0003, this carries the approved text it changes, old and new, frozen here so
later edits to the content files cannot change what it does:

- a section still holding the text of 0003 is replaced by the approved text;
- a section already holding the approved text is left as it is;
- a section reception has edited is left as they wrote it, listed, and described
  in a notice the guide's admin pages show, with the approved text to compare.

It adds two pages ("Is it milia?" and "How we write and check this guide"), the
treatments side by side, numbered citations ([ref:key]) and the sources they
cite, with when each was published and checked. The opening definition of milia
now stays on the first page and the questions page only. Pages whose text is now
the approved text carry the reviewing dermatologist and the date of the review.
"""

from datetime import date

from django.db import migrations

NOTICE_TITLE = (
    "Guide updated: Is it milia?, sources with dates, editorial page (reviewed 1 December 2026)"
)

REVIEWER = {
    "name": "Dr Amara Okafor",
    "post_nominals": "MRCP (Dermatology)",
    "role": "Consultant Dermatologist",
}
REVIEWED_ON = date(2026, 12, 1)
NEXT_REVIEW_DUE = date(2027, 12, 1)
FIRST_PUBLISHED = date(2026, 11, 20)
SOURCES_SLUG = "sources"
# The reviews pages carried before this one: 0003's for the pages it updated, 0002's for the rest.
URGENT_REVIEW = (date(2026, 11, 30), date(2027, 11, 30))
FIRST_REVIEW = (date(2026, 11, 20), date(2027, 11, 20))
URGENT_PAGES = {
    "milia-guide",
    "faqs",
    "what-are-milia",
    "types",
    "removing-milia-at-home",
    "when-to-see-a-doctor",
    "extraction",
    "laser",
    "chemical-peels",
    "cryotherapy",
}

WHAT_CHANGED = """\
Reviewed by Dr Amara Okafor, Consultant Dermatologist, on 1 December 2026.

- New page "Is it milia?": where milia appear and what a milium is like under \
the skin (two drawings with text descriptions), and a table of bumps that look \
like milia (xanthelasma, syringoma, sebaceous hyperplasia, molluscum \
contagiosum, whiteheads, basal cell carcinoma), how each differs and what to do.
- New page "How we write and check this guide": who writes and reviews it, the \
reviewer's GMC number (fill it in on the reviewer's record), how often pages \
are reviewed, and that we sell the treatments the guide describes.
- Treatments for milia: a table of the treatments side by side (evidence, \
sessions, time to heal, near the eyes, risk of marks on brown or black skin, \
consultation price from the booking pages).
- Small numbers after facts now link to the sources at the end of each page. \
Type [ref:key] in a section to cite a source; each source's key is on its record.
- Sources: StatPearls, four NHS pages, the British Association of \
Dermatologists' cryotherapy leaflet and a GPonline article added; every source \
shows when it was published and when we checked it.
- The opening definition of milia ("tiny cysts ... filled with keratin") is now \
only on "What are milia?" and the questions page.
- Milia extraction: a line on blood-thinning medicines. Cryotherapy: tanned \
skin added to who it may not suit.
"""

SECTION_CHANGES = [
    {
        "page": "what-are-milia",
        "old": {
            "kind": "text",
            "heading": "What milia are",
            "body": "Milia are tiny white or yellowish bumps on the skin. They are harmless.\n"
            "\n"
            "Each bump is a tiny cyst. A cyst is a small, closed sac under the skin. In "
            "milia, the sac is filled with keratin. Keratin is a tough protein. Your body "
            "uses it to build your skin, hair and nails.\n"
            "\n"
            "One bump is called a milium. Two or more are called milia. Most people have "
            "more than one.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What milia are",
            "body": "Milia are tiny white or yellowish bumps on the skin. They are harmless.\n"
            "\n"
            "Each bump is a tiny cyst. A cyst is a small, closed sac under the skin. In "
            "milia, the sac is filled with keratin. Keratin is a tough protein. Your body "
            "uses it to build your skin, hair and nails.[ref:berk-bayliss,statpearls]\n"
            "\n"
            "One bump is called a milium. Two or more are called milia. Most people have "
            "more than one.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "what-are-milia",
        "old": {
            "kind": "text",
            "heading": "What milia look and feel like",
            "body": "Milia are usually:\n"
            "\n"
            "- very small, about 1 to 2 millimetres across (the size of a pinhead)\n"
            "- white or pale yellow\n"
            "- firm or hard, a bit like a tiny grain under the skin\n"
            "- round and dome-shaped\n"
            "\n"
            "They do not usually hurt or itch. Most people notice them because of how they "
            "look, not how they feel.\n"
            "\n"
            "You may have just one or two, or a small group close together.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What milia look and feel like",
            "body": "Milia are usually:\n"
            "\n"
            "- very small, about 1 to 2 millimetres across (the size of a pinhead)\n"
            "- white or pale yellow\n"
            "- firm or hard, a bit like a tiny grain under the skin\n"
            "- round and dome-shaped[ref:berk-bayliss]\n"
            "\n"
            "They do not usually hurt or itch. Most people notice them because of how they "
            "look, not how they feel.\n"
            "\n"
            "You may have just one or two, or a small group close together.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "what-are-milia",
        "old": {
            "kind": "text",
            "heading": "Where milia appear",
            "body": "Milia are most common on the face, especially:\n"
            "\n"
            "- the eyelids and the skin around the eyes\n"
            "- the cheeks\n"
            "- the nose\n"
            "- the forehead\n"
            "\n"
            "They can also appear on other parts of the body, such as the chest, arms or "
            "genitals.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Where milia appear",
            "body": "Milia are most common on the face, especially:\n"
            "\n"
            "- the eyelids and the skin around the eyes\n"
            "- the cheeks\n"
            "- the nose\n"
            "- the forehead\n"
            "\n"
            "They can also appear on other parts of the body, such as the chest, arms or "
            "genitals.[ref:dermnet,statpearls]\n"
            "\n"
            "Our page [Is it milia?](/milia/is-it-milia/) shows where milia appear, and "
            "which other bumps look like them.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "what-are-milia",
        "old": {
            "kind": "text",
            "heading": "Who gets milia",
            "body": "Anyone can get milia, at any age.\n"
            "\n"
            "They are very common in newborn babies. Up to half of all newborns have them, "
            "often on the nose. In babies, they usually clear up by themselves within a few "
            "weeks. They do not need any treatment.\n"
            "\n"
            "In older children and adults, milia tend to last longer. Some clear up on their "
            "own. Others can stay for months or longer.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Who gets milia",
            "body": "Anyone can get milia, at any age.\n"
            "\n"
            "They are very common in newborn babies. Up to half of all newborns have them, "
            "often on the nose. In babies, they usually clear up by themselves within a few "
            "weeks. They do not need any treatment.[ref:berk-bayliss,dermnet]\n"
            "\n"
            "In older children and adults, milia tend to last longer. Some clear up on their "
            "own. Others can stay for months or longer.[ref:dermnet]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "text",
            "heading": "The main types at a glance",
            "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "Doctors sort milia into types. The type depends on your age, how the milia "
            "started and what they look like.\n"
            "\n"
            "Most people have primary milia. In newborn babies, they are called neonatal "
            "milia. Both are common and harmless. The rarer types are described further down "
            "this page.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "The main types at a glance",
            "body": "Doctors sort milia into types. The type depends on your age, how the milia "
            "started and what they look like.\n"
            "\n"
            "Most people have primary milia. In newborn babies, they are called neonatal "
            "milia. Both are common and harmless. The rarer types are described further down "
            "this page.[ref:berk-bayliss]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "text",
            "heading": "Primary milia",
            "body": "Primary milia appear in children and adults. They form when keratin gets "
            "trapped just under the surface of the skin.\n"
            "\n"
            "Often there is no clear reason why they appear. They are not caused by anything "
            "you did wrong.\n"
            "\n"
            "They are most common on the eyelids, cheeks, forehead and nose. Some clear up "
            "in a few weeks. Others last for months or longer.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Primary milia",
            "body": "Primary milia appear in children and adults. They form when keratin gets "
            "trapped just under the surface of the skin.\n"
            "\n"
            "Often there is no clear reason why they appear. They are not caused by anything "
            "you did wrong.\n"
            "\n"
            "They are most common on the eyelids, cheeks, forehead and nose. Some clear up "
            "in a few weeks. Others last for months or longer.[ref:dermnet]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "text",
            "heading": "Secondary milia",
            "body": "Secondary milia appear after the skin has been damaged or irritated. They can "
            "follow:\n"
            "\n"
            "- burns, including bad sunburn\n"
            "- blisters\n"
            "- cuts, grazes and other injuries to the skin\n"
            "- skin conditions that cause blisters\n"
            "- using strong steroid creams for a long time\n"
            "- skin treatments that remove the top layers of skin, such as dermabrasion, "
            "laser resurfacing or strong chemical peels\n"
            "\n"
            "Very heavy, rich or greasy creams may also play a part, although this is less "
            "certain.\n"
            "\n"
            "Secondary milia usually appear in the area that was damaged. They sometimes "
            "clear by themselves, but they often stay.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Secondary milia",
            "body": "Secondary milia appear after the skin has been damaged or irritated. They can "
            "follow:\n"
            "\n"
            "- burns, including bad sunburn\n"
            "- blisters\n"
            "- cuts, grazes and other injuries to the skin\n"
            "- skin conditions that cause blisters\n"
            "- using strong steroid creams for a long time\n"
            "- skin treatments that remove the top layers of skin, such as dermabrasion, "
            "laser resurfacing or strong chemical peels\n"
            "\n"
            "Very heavy, rich or greasy creams may also play a part, although this is less "
            "certain.\n"
            "\n"
            "Secondary milia usually appear in the area that was damaged. They sometimes "
            "clear by themselves, but they often stay.[ref:berk-bayliss]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "types",
        "old": {
            "kind": "call_111",
            "heading": "Call 111 now, or go to A&E, if your baby",
            "body": "- is under 3 months old and has a temperature of 38°C or more\n"
            "- seems unwell and is getting worse, or you are worried about them\n"
            "\n"
            "Milia do not make a baby ill or give them a temperature, so do not wait for the "
            "milia to clear.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now, or go to A&E, if your baby",
            "body": "- is under 3 months old and has a temperature of 38°C or "
            "more[ref:nhs-fever-children]\n"
            "- seems unwell and is getting worse, or you are worried about them\n"
            "\n"
            "Milia do not make a baby ill or give them a temperature, so do not wait for the "
            "milia to clear.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "removing-milia-at-home",
        "old": {
            "kind": "text",
            "heading": "Milia are not spots",
            "body": "Each milium is a tiny cyst. A cyst is a small, closed sac under the skin. It is "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "Unlike a spot, a milium has no opening at the surface. The keratin inside is "
            "hard and firm, and it is sealed in under the skin. Squeezing will not push it "
            "out. You are much more likely to damage the skin around it.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Milia are not spots",
            "body": "Unlike a spot, a milium has no opening at the surface. The keratin inside is "
            "hard and firm, and it is sealed in under the skin.[ref:dermnet] Squeezing will "
            "not push it out. You are much more likely to damage the skin around it.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "treatments",
        "old": {
            "kind": "text",
            "heading": "Do milia need treatment?",
            "body": "Often, no. Milia are tiny cysts, which are small, closed sacs under the skin. "
            "They are filled with keratin, a tough protein found in your skin, hair and "
            "nails. They are harmless.\n"
            "\n"
            "In babies, milia clear up by themselves. In adults, some clear up in time, but "
            "others last for months or longer.\n"
            "\n"
            "You may want treatment if milia bother you, or if they affect how you feel "
            "about your skin. That is a perfectly good reason to ask for advice.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Do milia need treatment?",
            "body": "Often, no. Milia are harmless.[ref:dermnet]\n"
            "\n"
            "In babies, milia clear up by themselves. In adults, some clear up in time, but "
            "others last for months or longer.\n"
            "\n"
            "You may want treatment if milia bother you, or if they affect how you feel "
            "about your skin. That is a perfectly good reason to ask for advice.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "treatments",
        "old": {
            "kind": "callout",
            "heading": "Treatment on the NHS",
            "body": "Because milia are harmless, removing them is usually seen as a cosmetic "
            "treatment. This means it is usually not available on the NHS. Treatment at a "
            "private clinic, such as ours, has to be paid for.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "callout",
            "heading": "Treatment on the NHS",
            "body": "Because milia are harmless, removing them is usually seen as a cosmetic "
            "treatment. This means it is usually not available on the NHS.[ref:aomrc-ebi] "
            "Treatment at a private clinic, such as ours, has to be paid for.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "treatments",
        "old": None,
        "new": {
            "kind": "text",
            "heading": "The treatments side by side",
            "body": "| Treatment | What it is | Evidence | Sessions | Time to heal | Near the eyes? "
            "| Risk of marks on brown or black skin | Consultation price |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
            "| **Milia extraction** | A tiny opening, then the keratin is pressed out | The "
            "most direct evidence and experience | Usually one | A few days: tiny scabs, "
            "some redness | Yes, with care | Some: patches can take months to fade | "
            "[price:milia-extraction] |\n"
            "| **Chemical peels** | A mild acid removes the top layer of dead skin | "
            "Limited: small reports | A course of several, a few weeks apart | A few days of "
            "redness and peeling | No | Yes: darker or lighter patches | "
            "[price:chemical-peel] |\n"
            "| **Laser treatment** | A beam of light opens or removes each milium | Limited: "
            "small reports | One or more | Several days of redness and crusts | Only with "
            "eye shields, with great care | Yes, higher on tanned skin: patches may be "
            "permanent | [price:laser-treatment] |\n"
            "| **Cryotherapy** | Freezing with liquid nitrogen | Limited: small reports | "
            "Usually one, sometimes more | A scab that falls off in 1 to 2 weeks | No | "
            "High: lighter patches are common and can be permanent | [price:cryotherapy] |\n"
            "| **Topical retinoids** | A prescription cream or gel used at home | Limited: "
            "small reports | Every day for weeks or months | None, but dry, red skin at "
            "first | No: kept away from the eyelids | Some: patches for a while | "
            "[price:general-consultation] (general consultation) |\n"
            "\n"
            "The prices are for the consultation, as on our booking pages. If you go ahead "
            "with treatment, the dermatologist will tell you the price first. Most of this "
            "evidence comes from small reports and doctors' "
            "experience.[ref:dermnet,berk-bayliss,bad-cryotherapy]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "treatments",
        "old": {
            "kind": "text",
            "heading": "How good is the evidence?",
            "body": "There are no large studies that compare these treatments with each other. Most "
            "of the evidence comes from small studies, reports of single patients and "
            "doctors' experience.\n"
            "\n"
            "Extraction has the most direct evidence and experience behind it. The other "
            "treatments may help, but results vary from person to person. No treatment can "
            "promise that new milia will not appear later.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "How good is the evidence?",
            "body": "There are no large studies that compare these treatments with each other. Most "
            "of the evidence comes from small studies, reports of single patients and "
            "doctors' experience.[ref:berk-bayliss,dermnet]\n"
            "\n"
            "Extraction has the most direct evidence and experience behind it. The other "
            "treatments may help, but results vary from person to person. No treatment can "
            "promise that new milia will not appear later.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "prevention",
        "old": {
            "kind": "text",
            "heading": "The short answer",
            "body": "You cannot always prevent milia. Primary milia often appear for no clear "
            "reason, even if you look after your skin very well. If you get them, it is not "
            "your fault.\n"
            "\n"
            "Milia are tiny cysts, which are small, closed sacs under the skin. They are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "The tips below may help lower the chance of new milia. None of them is "
            "guaranteed to work, and the evidence for them is limited.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "The short answer",
            "body": "You cannot always prevent milia. Primary milia often appear for no clear "
            "reason, even if you look after your skin very well. If you get them, it is not "
            "your fault.\n"
            "\n"
            "The tips below may help lower the chance of new milia. None of them is "
            "guaranteed to work, and the evidence for them is limited.[ref:berk-bayliss]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "text",
            "heading": "The short answer",
            "body": "Most milia are harmless. You do not need to see a doctor for every small white "
            "bump.\n"
            "\n"
            "But some signs mean you should get help, and a few mean you should get it "
            "quickly. The boxes below start with the most urgent.\n"
            "\n"
            "Milia are tiny cysts, which are small, closed sacs under the skin. They are "
            "filled with keratin, a tough protein found in your skin, hair and nails.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "The short answer",
            "body": "Most milia are harmless. You do not need to see a doctor for every small white "
            "bump.\n"
            "\n"
            "But some signs mean you should get help, and a few mean you should get it "
            "quickly. The boxes below start with the most urgent.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "call_999",
            "heading": "Call 999 or go to A&E now if",
            "body": "- redness around a bump is spreading and you have a high temperature, or you "
            "feel very unwell\n"
            "- you have a very fast heartbeat, or you feel confused or very drowsy\n"
            "- the skin around your eye is swollen and your eye hurts, your sight changes, "
            "or it is hard to move your eye\n"
            "- a baby has a rash that does not fade when you press a glass against it, or "
            "has trouble breathing",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "call_999",
            "heading": "Call 999 or go to A&E now if",
            "body": "- redness around a bump is spreading and you have a high temperature, or you "
            "feel very unwell[ref:nhs-cellulitis]\n"
            "- you have a very fast heartbeat, or you feel confused or very drowsy\n"
            "- the skin around your eye is swollen and your eye hurts, your sight changes, "
            "or it is hard to move your eye\n"
            "- a baby has a rash that does not fade when you press a glass against it, or "
            "has trouble breathing",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the skin around a bump is painful, hot and swollen, especially on your face\n"
            "- redness or swelling around a bump is getting worse, or there is pus\n"
            "- a baby under 3 months old has a temperature of 38°C or more (you can also go "
            "straight to A&E)\n"
            "\n"
            "Redness can be harder to see on brown or black skin.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "call_111",
            "heading": "Call 111 now if",
            "body": "- the skin around a bump is painful, hot and swollen, especially on your "
            "face[ref:nhs-cellulitis]\n"
            "- redness or swelling around a bump is getting worse, or there is pus\n"
            "- a baby under 3 months old has a temperature of 38°C or more (you can also go "
            "straight to A&E)[ref:nhs-fever-children]\n"
            "\n"
            "Redness can be harder to see on brown or black skin.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "when-to-see-a-doctor",
        "old": {
            "kind": "see_gp",
            "heading": "See a GP if",
            "body": "- a bump bleeds, grows, changes colour or shape, or has not healed after 4 "
            "weeks\n"
            "- you have a flat, yellowish patch on or around your eyelids\n"
            "- lots of milia appear suddenly, in crops, over a few weeks or months\n"
            "- your milia sit on a red or raised patch of skin\n"
            "- milia appear after a blistering rash, a burn or starting a new medicine\n"
            "- you are not sure the bumps are milia\n"
            "\n"
            "A yellowish patch on the eyelids is not milia. It can be a sign of high "
            "cholesterol, which a GP can check.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "see_gp",
            "heading": "See a GP if",
            "body": "- a bump bleeds, grows, changes colour or shape, or has not healed after 4 "
            "weeks[ref:nhs-skin-cancer]\n"
            "- you have a flat, yellowish patch on or around your eyelids\n"
            "- lots of milia appear suddenly, in crops, over a few weeks or months\n"
            "- your milia sit on a red or raised patch of skin\n"
            "- milia appear after a blistering rash, a burn or starting a new medicine\n"
            "- you are not sure the bumps are milia\n"
            "\n"
            "A yellowish patch on the eyelids is not milia. It can be a sign of high "
            "cholesterol, which a GP can check.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "myths",
        "old": {
            "kind": "text",
            "heading": "Fact: milia cannot be popped like spots",
            "body": "**Myth:** you can squeeze milia out, just like spots.\n"
            "\n"
            "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "Unlike a spot, a milium has no opening. The keratin inside is hard and sealed "
            "in. Squeezing will not push it out. It is more likely to damage your skin and "
            "cause infection, scars or marks.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Fact: milia cannot be popped like spots",
            "body": "**Myth:** you can squeeze milia out, just like spots.\n"
            "\n"
            "Unlike a spot, a milium has no opening. The keratin inside is hard and sealed "
            "in.[ref:dermnet] Squeezing will not push it out. It is more likely to damage "
            "your skin and cause infection, scars or marks.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "chemical-peels",
        "old": {
            "kind": "text",
            "heading": "What happens",
            "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "A chemical peel is a liquid or gel that contains a mild acid. Common ones are "
            "glycolic acid (an AHA, or alpha hydroxy acid) and salicylic acid (a BHA, or "
            "beta hydroxy acid).\n"
            "\n"
            "At your appointment:\n"
            "\n"
            "- your clinician cleans your skin\n"
            "- they put the peel on the area being treated, keeping well away from your "
            "eyes\n"
            "- they leave it on for a short, timed period, then remove it\n"
            "\n"
            "You may feel tingling, warmth or stinging while the peel is on. The peel "
            "loosens the top layer of dead skin cells. This may help the trapped keratin "
            "work its way out, and may help stop new milia forming.\n"
            "\n"
            "You usually need a course of several peels, a few weeks apart.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What happens",
            "body": "A chemical peel is a liquid or gel that contains a mild acid. Common ones are "
            "glycolic acid (an AHA, or alpha hydroxy acid) and salicylic acid (a BHA, or "
            "beta hydroxy acid).\n"
            "\n"
            "At your appointment:\n"
            "\n"
            "- your clinician cleans your skin\n"
            "- they put the peel on the area being treated, keeping well away from your "
            "eyes\n"
            "- they leave it on for a short, timed period, then remove it\n"
            "\n"
            "You may feel tingling, warmth or stinging while the peel is on. The peel "
            "loosens the top layer of dead skin cells. This may help the trapped keratin "
            "work its way out, and may help stop new milia forming.\n"
            "\n"
            "You usually need a course of several peels, a few weeks apart.[ref:dermnet]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "cryotherapy",
        "old": {
            "kind": "text",
            "heading": "What happens",
            "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "Cryotherapy means treatment with cold. Liquid nitrogen is extremely cold. Your "
            "clinician sprays it, or dabs it on with a cotton bud, onto each milium for a "
            "few seconds. This freezes the milium.\n"
            "\n"
            "It stings while it is being done, and for a short time afterwards. You do not "
            "usually need numbing cream.\n"
            "\n"
            "Over the next few hours or days:\n"
            "\n"
            "- the area may look red and swollen\n"
            "- a blister may form\n"
            "- a scab then forms and usually falls off within 1 to 2 weeks",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What happens",
            "body": "Cryotherapy means treatment with cold. Liquid nitrogen is extremely cold. Your "
            "clinician sprays it, or dabs it on with a cotton bud, onto each milium for a "
            "few seconds. This freezes the milium.\n"
            "\n"
            "It stings while it is being done, and for a short time afterwards. You do not "
            "usually need numbing cream.\n"
            "\n"
            "Over the next few hours or days:\n"
            "\n"
            "- the area may look red and swollen\n"
            "- a blister may form\n"
            "- a scab then forms and usually falls off within 1 to 2 "
            "weeks[ref:bad-cryotherapy]",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "cryotherapy",
        "old": {
            "kind": "text",
            "heading": "Who it may suit",
            "body": "Cryotherapy may suit you if you have a few milia away from your eyes, for "
            "example on your cheeks, forehead or body.\n"
            "\n"
            "It is not usually used close to the eyes. The skin there is thin and delicate, "
            "and freezing can make the eyelids very puffy.\n"
            "\n"
            "It may not be right for you if:\n"
            "\n"
            "- you have brown or black skin, because of the higher risk of lighter or darker "
            "patches\n"
            "- you have a condition that makes you very sensitive to cold\n"
            "\n"
            "If so, we may suggest a different treatment.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Who it may suit",
            "body": "Cryotherapy may suit you if you have a few milia away from your eyes, for "
            "example on your cheeks, forehead or body.\n"
            "\n"
            "It is not usually used close to the eyes. The skin there is thin and delicate, "
            "and freezing can make the eyelids very puffy.\n"
            "\n"
            "It may not be right for you if:\n"
            "\n"
            "- you have brown or black skin, because of the higher risk of lighter or darker "
            "patches[ref:bad-cryotherapy]\n"
            "- your skin is tanned\n"
            "- you have a condition that makes you very sensitive to cold\n"
            "\n"
            "If so, we may suggest a different treatment.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "extraction",
        "old": {
            "kind": "text",
            "heading": "What happens",
            "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails. "
            "Extraction removes this keratin.\n"
            "\n"
            "At your appointment:\n"
            "\n"
            "- your clinician looks at your skin and checks that the bumps are milia\n"
            "- they clean the skin\n"
            "- they make a tiny opening over each milium with a sterile needle or a very "
            "fine blade\n"
            "- they gently press the keratin out, often with a small tool called a comedone "
            "extractor\n"
            "\n"
            "Most people feel a small prick or scratch. You do not usually need numbing "
            "cream. Treating a few milia takes only a few minutes.\n"
            "\n"
            "Extraction must be done by a trained clinician using sterile tools. It is not "
            "safe to try it at home.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What happens",
            "body": "Extraction removes the keratin trapped inside each milium.[ref:dermnet]\n"
            "\n"
            "At your appointment:\n"
            "\n"
            "- your clinician looks at your skin and checks that the bumps are milia\n"
            "- they clean the skin\n"
            "- they make a tiny opening over each milium with a sterile needle or a very "
            "fine blade\n"
            "- they gently press the keratin out, often with a small tool called a comedone "
            "extractor\n"
            "\n"
            "Most people feel a small prick or scratch. You do not usually need numbing "
            "cream. Treating a few milia takes only a few minutes.\n"
            "\n"
            "Extraction must be done by a trained clinician using sterile tools. It is not "
            "safe to try it at home.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "extraction",
        "old": {
            "kind": "text",
            "heading": "Who it may suit",
            "body": "Extraction may suit you if:\n"
            "\n"
            "- you have a small number of milia\n"
            "- your milia are on your face, including around your eyes, where a trained "
            "clinician can work with care\n"
            "- you would like a quick result\n"
            "\n"
            "If you have a very large number of milia, extracting them one by one may not be "
            "practical. We may talk to you about other treatments instead, or as well.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Who it may suit",
            "body": "Extraction may suit you if:\n"
            "\n"
            "- you have a small number of milia\n"
            "- your milia are on your face, including around your eyes, where a trained "
            "clinician can work with care\n"
            "- you would like a quick result\n"
            "\n"
            "If you have a very large number of milia, extracting them one by one may not be "
            "practical. We may talk to you about other treatments instead, or as well.\n"
            "\n"
            "Please tell us if you take medicine that thins your blood, such as warfarin, "
            "apixaban or daily aspirin. You may bleed or bruise a little more. Do not stop "
            "any medicine before you talk to us. We ask about this when you book.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "laser",
        "old": {
            "kind": "text",
            "heading": "What happens",
            "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "A laser is a strong, focused beam of light. For milia, a type of laser such as "
            "a CO2 laser or an erbium laser is used. It makes a tiny opening over each "
            "milium, or removes the thin layer of skin on top. This lets the keratin come "
            "out.\n"
            "\n"
            "At your appointment:\n"
            "\n"
            "- your clinician may put numbing cream on your skin first\n"
            "- you wear special eye shields to protect your eyes\n"
            "- the laser is passed over each milium\n"
            "\n"
            "You may feel heat or a snapping feeling. How long it takes depends on how many "
            "milia are treated. Some people need more than one session.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What happens",
            "body": "A laser is a strong, focused beam of light. For milia, a type of laser such as "
            "a CO2 laser or an erbium laser is used.[ref:dermnet] It makes a tiny opening "
            "over each milium, or removes the thin layer of skin on top. This lets the "
            "keratin come out.\n"
            "\n"
            "At your appointment:\n"
            "\n"
            "- your clinician may put numbing cream on your skin first\n"
            "- you wear special eye shields to protect your eyes\n"
            "- the laser is passed over each milium\n"
            "\n"
            "You may feel heat or a snapping feeling. How long it takes depends on how many "
            "milia are treated. Some people need more than one session.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "topical-retinoids",
        "old": {
            "kind": "text",
            "heading": "What happens",
            "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia are "
            "filled with keratin, a tough protein found in your skin, hair and nails.\n"
            "\n"
            "Retinoids are medicines made from vitamin A. Topical means you put them on your "
            "skin. Examples are tretinoin and adapalene.\n"
            "\n"
            "Retinoids speed up the rate at which your skin replaces old cells. This may "
            "help trapped keratin come out, and may help stop new milia forming.\n"
            "\n"
            "You usually put a thin layer on the affected skin once a day, in the evening. "
            "You keep it away from your eyes, eyelids, lips and the corners of your nose. It "
            "works slowly. It can take weeks or months to see any change.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "What happens",
            "body": "Retinoids are medicines made from vitamin A. Topical means you put them on your "
            "skin. Examples are tretinoin and adapalene.\n"
            "\n"
            "Retinoids speed up the rate at which your skin replaces old cells. This may "
            "help trapped keratin come out, and may help stop new milia forming.\n"
            "\n"
            "You usually put a thin layer on the affected skin once a day, in the evening. "
            "You keep it away from your eyes, eyelids, lips and the corners of your nose. It "
            "works slowly. It can take weeks or months to see any change.",
            "do_items": "",
            "dont_items": "",
        },
    },
    {
        "page": "topical-retinoids",
        "old": {
            "kind": "text",
            "heading": "Risks",
            "body": "- Irritation is common, especially in the first few weeks. Your skin may feel "
            "dry, red, sore or flaky.\n"
            "- Your skin will burn more easily in the sun.\n"
            "- Some people get lighter or darker patches of skin for a while.\n"
            "- **Retinoids must not be used in pregnancy or if you are trying for a baby.** "
            "Retinoid tablets are known to harm unborn babies. The amount absorbed from "
            "creams is small, but the advice is to avoid them to be safe.",
            "do_items": "",
            "dont_items": "",
        },
        "new": {
            "kind": "text",
            "heading": "Risks",
            "body": "- Irritation is common, especially in the first few weeks. Your skin may feel "
            "dry, red, sore or flaky.\n"
            "- Your skin will burn more easily in the sun.\n"
            "- Some people get lighter or darker patches of skin for a while.\n"
            "- **Retinoids must not be used in pregnancy or if you are trying for a baby.** "
            "Retinoid tablets are known to harm unborn babies.[ref:uktis-retinoids] The "
            "amount absorbed from creams is small, but the advice is to avoid them to be "
            "safe.",
            "do_items": "",
            "dont_items": "",
        },
    },
]

NEW_PAGES = [
    {
        "kind": "page",
        "slug": "is-it-milia",
        "title": "Is it milia?",
        "summary": "Some other bumps look like milia. Find out how to tell them apart, which ones need a "
        "doctor, and where milia usually appear.",
        "order": 2,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "Where milia usually appear",
                "body": "![A drawing of a face. Small dots mark where milia are most common: "
                "around the eyes and on the eyelids, the cheeks, the nose and the "
                "forehead.](static:education/where-milia-appear.svg)\n"
                "\n"
                "Milia are most common around the eyes, on the cheeks, on the nose and on "
                "the forehead.[ref:dermnet,statpearls] They can also appear on the chest, "
                "arms or genitals. In babies, they are most often on the "
                "nose.[ref:berk-bayliss]",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "What a milium is like under the skin",
                "body": "![A drawing of a slice through the skin. Just under the thin top layer "
                "sits a small, round pocket of white keratin. It has no opening to the "
                "surface.](static:education/milium-under-the-skin.svg)\n"
                "\n"
                "A milium sits just under the top layer of skin, with keratin sealed "
                "inside.[ref:berk-bayliss] It has no opening at the surface. That is why "
                "you cannot squeeze it out.[ref:dermnet]",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Bumps that look like milia",
                "body": "Some other bumps can look like milia. This table shows how they differ, "
                "and what to do.\n"
                "\n"
                "| Could it be... | How it differs from milia | What to do |\n"
                "| --- | --- | --- |\n"
                "| Xanthelasma | Flat, soft, yellow patches on the eyelids, often near the "
                "nose. Milia are small, hard, round and white.[ref:gponline-facial] | See "
                "a GP. It is harmless, but it can be a sign of high cholesterol, so ask "
                "for a blood test. |\n"
                "| Syringoma | Small, skin-coloured or yellow bumps, often in groups under "
                "the eyes. They usually start after puberty, and they are not white or "
                "hard like milia.[ref:gponline-facial] | Harmless. Book with us or see a "
                "GP if you are not sure. |\n"
                "| Sebaceous hyperplasia | Soft, yellow or skin-coloured bumps, 2 to 5 mm "
                "across, with a tiny dip in the middle. Often on the forehead and nose in "
                "older adults. Milia have no dip.[ref:gponline-facial] | Harmless. A "
                "single bump that grows or bleeds should be checked by a GP. |\n"
                "| Molluscum contagiosum | Shiny, raised spots, 2 to 5 mm across, with a "
                "dimple in the middle. Caused by a virus, and can spread. Most common in "
                "children.[ref:nhs-molluscum] | It usually clears by itself. Do not "
                "squeeze the spots. See a GP if you are not sure. |\n"
                "| Whiteheads (comedones) | Spots with a tiny opening, often with redness, "
                "and they come and go. Milia have no opening and do not get "
                "red.[ref:dermnet] | Treat as spots. A pharmacist can help. |\n"
                "| Basal cell carcinoma (a common skin cancer) | Usually one pearly or "
                "shiny lump that grows slowly. It may bleed, crust or not "
                "heal.[ref:nhs-skin-cancer] | See a GP if a bump bleeds, grows or has not "
                "healed after 4 weeks. It is rarely serious when treated early. |",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "see_gp",
                "heading": "See a GP if",
                "body": "- a bump bleeds, grows, changes or has not healed after 4 "
                "weeks[ref:nhs-skin-cancer]\n"
                "- you have a yellowish patch on your eyelids\n"
                "- lots of new bumps appear over a few weeks\n"
                "- you are not sure what the bumps are\n"
                "\n"
                "The GP can check them, or send you to a skin specialist.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "book_us",
                "heading": "Book with us if",
                "body": "- you think you have milia and they bother you\n"
                "- you would like a dermatologist to check what the bumps are\n"
                "\n"
                "Our dermatologists can tell you what the bumps are and talk you through "
                "your options.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "about-this-guide",
        "title": "How we write and check this guide",
        "summary": "Who writes this guide, who checks it, how often we review it, and how we handle the "
        "fact that we sell the treatments it describes.",
        "order": 9,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "Who writes it",
                "body": "The patient information team at Kingsway Skin Clinic writes this guide. "
                "We write in plain English for anyone who has, or thinks they have, milia. "
                "We aim for words a 12-year-old could read.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who checks it",
                "body": "A consultant dermatologist checks every page before we publish it. Each "
                "page shows who checked it and when.\n"
                "\n"
                "Our reviewer is Dr Amara Okafor, MRCP (Dermatology), Consultant "
                "Dermatologist. Doctors in the UK are on the General Medical Council (GMC) "
                "register. You can look up her GMC number on the GMC's website. The number "
                "is shown at the foot of each page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How we check the facts",
                "body": "We check each fact against trusted sources. These include NHS pages, the "
                "British Association of Dermatologists, medical journals and medical "
                "reference books. Next to a fact, a small number links to the source it "
                "came from. Each page lists its sources at the end, with when they were "
                "published and when we last checked them.\n"
                "\n"
                "We do not copy other people's words. If we cannot find a trusted source "
                "for a claim, we leave it out.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How often we review it",
                "body": "We review every page at least once a year. We also review a page sooner "
                "if the advice it is based on changes, or if someone tells us about a "
                "mistake. Each page shows when it was last reviewed and when its next "
                "review is due.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Our interests",
                "body": "Kingsway Skin Clinic is a private clinic. We sell the treatments this "
                "guide describes. To keep the guide fair, we say when milia need no "
                "treatment, we list the risks of each treatment, and we say when the NHS "
                "or a GP is the right place to go.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Tell us about a mistake",
                "body": "If you think something in this guide is wrong or out of date, please "
                "email us at hello@kingsway-skin.example. We will check it and reply.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
]

PAGE_ORDERS = {
    "types": (2, 3),
    "removing-milia-at-home": (3, 4),
    "treatments": (4, 5),
    "prevention": (5, 6),
    "when-to-see-a-doctor": (6, 7),
    "myths": (7, 8),
}

NEW_ORDER = {
    "treatments": [
        "Do milia need treatment?",
        "Treatment on the NHS",
        "The treatments side by side",
        "Milia extraction",
        "Chemical peels",
        "Laser treatment",
        "Cryotherapy",
        "Topical retinoids",
        "How good is the evidence?",
        "Talking to us",
    ]
}

OLD_ORDER = {
    "treatments": [
        "Do milia need treatment?",
        "Treatment on the NHS",
        "Milia extraction",
        "Chemical peels",
        "Laser treatment",
        "Cryotherapy",
        "Topical retinoids",
        "How good is the evidence?",
        "Talking to us",
    ]
}

SOURCES = [
    {
        "authors": "Berk DR, Bayliss SJ",
        "year": "2008",
        "title": "Milia: a review and classification",
        "publisher": "Journal of the American Academy of Dermatology",
        "url": "https://doi.org/10.1016/j.jaad.2008.07.034",
        "key": "berk-bayliss",
        "published": "December 2008",
        "checked": "2026-12-01",
    },
    {
        "authors": "Gupta M, Oakley A",
        "year": "2009",
        "title": "Milium",
        "publisher": "DermNet",
        "url": "https://www.dermnetnz.org/topics/milium",
        "key": "dermnet",
        "published": "2009 (DermNet may have updated it since)",
        "checked": "2026-12-01",
    },
    {
        "authors": "Academy of Medical Royal Colleges",
        "year": "2019",
        "title": "Removal of benign skin lesions",
        "publisher": "Evidence-Based Interventions programme, Academy of Medical Royal Colleges",
        "url": "https://ebi.aomrc.org.uk/interventions/removal-of-benign-skin-lesions/",
        "key": "aomrc-ebi",
        "published": "January 2019, last reviewed September 2024",
        "checked": "2026-12-01",
    },
    {
        "authors": "UK Teratology Information Service",
        "year": "2024",
        "title": "Retinoid gels and creams (topical retinoids)",
        "publisher": "bumps - best use of medicines in pregnancy (UK Teratology Information Service)",
        "url": "https://medicinesinpregnancy.org/leaflets-a-z/isotretinoin-gel",
        "key": "uktis-retinoids",
        "published": "October 2024 (version 5.0)",
        "checked": "2026-12-01",
    },
    {
        "authors": "StatPearls Publishing",
        "year": "2023",
        "title": "Milia",
        "publisher": "StatPearls, NCBI Bookshelf (NBK560481)",
        "url": "https://www.ncbi.nlm.nih.gov/books/NBK560481/",
        "key": "statpearls",
        "published": "2023 as cited; the author line and date are still to be confirmed on the live page",
        "checked": "2026-12-01",
    },
    {
        "authors": "NHS",
        "title": "Cellulitis",
        "publisher": "NHS website",
        "url": "https://www.nhs.uk/conditions/cellulitis/",
        "key": "nhs-cellulitis",
        "published": 'see the page\'s "last reviewed" date',
        "checked": "2026-12-01",
    },
    {
        "authors": "NHS",
        "title": "Fever in children",
        "publisher": "NHS website",
        "url": "https://www.nhs.uk/conditions/fever-in-children/",
        "key": "nhs-fever-children",
        "published": 'see the page\'s "last reviewed" date',
        "checked": "2026-12-01",
    },
    {
        "authors": "NHS",
        "title": "Non-melanoma skin cancer",
        "publisher": "NHS website",
        "url": "https://www.nhs.uk/conditions/non-melanoma-skin-cancer/",
        "key": "nhs-skin-cancer",
        "published": 'see the page\'s "last reviewed" date',
        "checked": "2026-12-01",
    },
    {
        "authors": "NHS",
        "title": "Molluscum contagiosum",
        "publisher": "NHS website",
        "url": "https://www.nhs.uk/conditions/molluscum-contagiosum/",
        "key": "nhs-molluscum",
        "published": 'see the page\'s "last reviewed" date',
        "checked": "2026-12-01",
    },
    {
        "authors": "British Association of Dermatologists",
        "year": "2018",
        "title": "Cryotherapy (patient information leaflet)",
        "publisher": "British Association of Dermatologists",
        "url": "https://www.bad.org.uk/leaflets",
        "key": "bad-cryotherapy",
        "published": "March 2018 (updated and lay reviewed)",
        "checked": "2026-12-01",
    },
    {
        "authors": "Stollery N",
        "title": "Differential diagnoses: facial lesions",
        "publisher": "GPonline",
        "url": "https://www.gponline.com/differential-diagnoses-facial-lesions/dermatology/article/1316291",
        "key": "gponline-facial",
        "published": "date not shown on the stored copy",
        "checked": "2026-12-01",
    },
]

OLD_SOURCE_URLS = [
    "https://doi.org/10.1016/j.jaad.2008.07.034",
    "https://www.dermnetnz.org/topics/milium",
    "https://ebi.aomrc.org.uk/interventions/removal-of-benign-skin-lesions/",
    "https://medicinesinpregnancy.org/leaflets-a-z/isotretinoin-gel",
]


def _clean(text: str) -> str:
    # A form saved in the admin sends the browser's line endings back.
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _frozen(data: dict) -> dict:
    return {key: data.get(key, "") for key in ("kind", "heading", "body", "do_items", "dont_items")}


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


def _reorder(Section, page, headings: list[str]) -> None:
    order_of = {heading: number for number, heading in enumerate(headings, start=1)}
    for section in Section.objects.filter(page_id=page.pk):
        if section.heading in order_of and section.order != order_of[section.heading]:
            section.order = order_of[section.heading]
            section.save(update_fields=["order"])


def _kept_text(page_title: str, heading: str, approved: str) -> str:
    quoted = "\n".join(f"    {line}" for line in approved.splitlines())
    return f'- {page_title}: "{heading}". The approved text is now:\n\n{quoted}\n'


def _sources_apply(Source) -> None:
    by_url = {source.url: source for source in Source.objects.all()}
    for number, data in enumerate(SOURCES, start=1):
        fields = {
            "authors": data["authors"],
            "year": int(data["year"]) if data.get("year") else None,
            "title": data["title"],
            "publisher": data["publisher"],
            "key": data["key"],
            "published": data["published"],
            "checked_on": date.fromisoformat(data["checked"]),
            "order": number,
        }
        source = by_url.get(data["url"])
        if source is None:
            Source.objects.create(url=data["url"], **fields)
            continue
        # Reception may have corrected a title or an author line: keep theirs.
        for name in ("key", "published", "checked_on", "order"):
            setattr(source, name, fields[name])
        source.save()


def guide_checkable_apply(apps, schema_editor):
    Page = apps.get_model("education", "Page")
    Section = apps.get_model("education", "Section")
    Source = apps.get_model("education", "Source")
    Reviewer = apps.get_model("education", "Reviewer")
    GuideNotice = apps.get_model("education", "GuideNotice")

    if not Page.objects.exists():
        return  # no guide at all: nothing to update, and nothing to tell anyone

    Page.objects.filter(first_published__isnull=True).update(first_published=FIRST_PUBLISHED)
    reviewer = Reviewer.objects.filter(name=REVIEWER["name"]).first()
    if reviewer is None:
        reviewer = Reviewer.objects.create(**REVIEWER)
    review = {
        "reviewed_by": reviewer,
        "last_reviewed": REVIEWED_ON,
        "next_review_due": NEXT_REVIEW_DUE,
    }

    pages = {page.slug: page for page in Page.objects.all()}
    for slug, (old, new) in PAGE_ORDERS.items():
        if slug in pages and pages[slug].order == old:
            Page.objects.filter(pk=pages[slug].pk).update(order=new)
    added = []
    for data in NEW_PAGES:
        if data["slug"] in pages:
            continue
        fields = {key: value for key, value in data.items() if key != "sections"}
        page = Page.objects.create(**fields, **review, first_published=REVIEWED_ON)
        Section.objects.bulk_create(
            Section(page=page, order=number, **_frozen(section))
            for number, section in enumerate(data["sections"], start=1)
        )
        added.append(page.slug)

    applied = 0
    kept_notes = []
    kept_pages = set()
    changed_pages = set()
    for change in SECTION_CHANGES:
        page = pages.get(change["page"])
        if page is None:
            continue  # the page was deleted in the admin: nothing to update
        changed_pages.add(page.slug)
        sections = list(Section.objects.filter(page_id=page.pk))
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
            kept_pages.add(page.slug)
            continue
        for field, value in _frozen(change["new"]).items():
            setattr(section, field, value)
        section.save()
        applied += 1
    for slug, headings in NEW_ORDER.items():
        if slug in pages:
            _reorder(Section, pages[slug], headings)

    _sources_apply(Source)

    reviewed = [slug for slug in changed_pages if slug not in kept_pages] + [SOURCES_SLUG]
    Page.objects.filter(slug__in=reviewed).update(**review)

    if applied or added or kept_notes:
        GuideNotice.objects.create(
            title=NOTICE_TITLE, changes=WHAT_CHANGED, kept="\n".join(kept_notes)
        )
    if kept_notes:
        print(
            "\n  The guide's update was not applied to these sections, which had been "
            "edited in the admin (see the notice in the admin):\n"
            + "".join(f"  {note.splitlines()[0]}\n" for note in kept_notes)
        )


def guide_checkable_revert(apps, schema_editor):
    Page = apps.get_model("education", "Page")
    Section = apps.get_model("education", "Section")
    Source = apps.get_model("education", "Source")
    GuideNotice = apps.get_model("education", "GuideNotice")

    new_slugs = [data["slug"] for data in NEW_PAGES]
    Section.objects.filter(page__slug__in=new_slugs).delete()
    # Their sections are gone; the deletion collector trips over the historical models'
    # relations when it looks for more, so the pages go without it.
    Page.objects.filter(slug__in=new_slugs)._raw_delete(schema_editor.connection.alias)
    pages = {page.slug: page for page in Page.objects.all()}
    for change in SECTION_CHANGES:
        page = pages.get(change["page"])
        if page is None:
            continue
        section = _find(list(Section.objects.filter(page_id=page.pk)), change["new"])
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
            _reorder(Section, pages[slug], headings)
    for slug, (old, new) in PAGE_ORDERS.items():
        Page.objects.filter(slug=slug, order=new).update(order=old)
    Source.objects.exclude(url__in=OLD_SOURCE_URLS).delete()
    for number, url in enumerate(OLD_SOURCE_URLS, start=1):
        Source.objects.filter(url=url).update(order=number)
    for page in Page.objects.filter(last_reviewed=REVIEWED_ON):
        last, due = URGENT_REVIEW if page.slug in URGENT_PAGES else FIRST_REVIEW
        Page.objects.filter(pk=page.pk).update(last_reviewed=last, next_review_due=due)
    GuideNotice.objects.filter(title=NOTICE_TITLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0005_guide_sources_dated"),
    ]

    operations = [
        migrations.RunPython(guide_checkable_apply, guide_checkable_revert),
    ]
