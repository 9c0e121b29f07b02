"""The guide as first published (20 November 2026), frozen for migration 0002.

Migration 0002 once read the live content files, so a new database got today's text
while the later guide migrations expected the text they were written against. This
is that first text, kept here so 0002 always loads the same guide, and 0003 and the
migrations after it change it as they change a clinic that migrated long ago.

The leading underscore keeps Django's migration loader from reading it as a migration.
"""

PAGES = [
    {
        "kind": "page",
        "slug": "what-are-milia",
        "title": "What are milia?",
        "summary": "Milia are tiny, harmless white bumps that form when keratin gets trapped under the "
        "skin. Find out what they look like, where they appear and how they differ from "
        "spots.",
        "order": 1,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "What milia are",
                "body": "Milia are tiny white or yellowish bumps on the skin. They are harmless.\n"
                "\n"
                "Each bump is a tiny cyst. A cyst is a small, closed sac under the skin. "
                "In milia, the sac is filled with keratin. Keratin is a tough protein. "
                "Your body uses it to build your skin, hair and nails.\n"
                "\n"
                "One bump is called a milium. Two or more are called milia. Most people "
                "have more than one.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Good to know",
                "body": "Milia are not an infection. You cannot catch them from someone else or "
                "pass them on. They are not a sign of anything serious.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "What milia look and feel like",
                "body": "Milia are usually:\n"
                "\n"
                "- very small, about 1 to 2 millimetres across (the size of a pinhead)\n"
                "- white or pale yellow\n"
                "- firm or hard, a bit like a tiny grain under the skin\n"
                "- round and dome-shaped\n"
                "\n"
                "They do not usually hurt or itch. Most people notice them because of how "
                "they look, not how they feel.\n"
                "\n"
                "You may have just one or two, or a small group close together.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Where milia appear",
                "body": "Milia are most common on the face, especially:\n"
                "\n"
                "- the eyelids and the skin around the eyes\n"
                "- the cheeks\n"
                "- the nose\n"
                "- the forehead\n"
                "\n"
                "They can also appear on other parts of the body, such as the chest, arms "
                "or genitals.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who gets milia",
                "body": "Anyone can get milia, at any age.\n"
                "\n"
                "They are very common in newborn babies. Up to half of all newborns have "
                "them, often on the nose. In babies, they usually clear up by themselves "
                "within a few weeks. They do not need any treatment.\n"
                "\n"
                "In older children and adults, milia tend to last longer. Some clear up on "
                "their own. Others can stay for months or longer.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How milia differ from spots and whiteheads",
                "body": "Milia can look like whiteheads, but they are not the same thing.\n"
                "\n"
                "- **No opening.** A whitehead is a blocked pore, with a tiny opening at "
                "the surface. A milium has no opening. The keratin is sealed inside.\n"
                "- **No germs.** Spots are linked to oil and germs (bacteria). Milia are "
                "not caused by bacteria, and they are not blocked pores.\n"
                "- **No redness.** Spots often turn red and sore. Milia usually stay white "
                "and painless.\n"
                "\n"
                "This is why squeezing does not work. It is also why most acne creams and "
                "spot treatments do not shift milia.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "What you can do",
                "body": "Milia do no harm, so you do not have to treat them.\n"
                "\n"
                "If they bother you, please do not squeeze or pick them. This can lead to "
                "infection, scars and marks.\n"
                "\n"
                "A pharmacist, GP or dermatologist (a doctor who specialises in skin) can "
                "look at the bumps and tell you if they are milia. If you want them "
                "removed, a trained clinician can do this safely.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "types",
        "title": "Types of milia",
        "summary": "There are several types of milia. Most are common and harmless, but a few rare types "
        "should be checked by a dermatologist.",
        "order": 2,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "The main types at a glance",
                "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "Doctors sort milia into types. The type depends on your age, how the "
                "milia started and what they look like.\n"
                "\n"
                "Most people have primary milia. In newborn babies, they are called "
                "neonatal milia. Both are common and harmless. The rarer types are "
                "described further down this page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Primary milia",
                "body": "Primary milia appear in children and adults. They form when keratin gets "
                "trapped just under the surface of the skin.\n"
                "\n"
                "Often there is no clear reason why they appear. They are not caused by "
                "anything you did wrong.\n"
                "\n"
                "They are most common on the eyelids, cheeks, forehead and nose. Some "
                "clear up in a few weeks. Others last for months or longer.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Secondary milia",
                "body": "Secondary milia appear after the skin has been damaged or irritated. They "
                "can follow:\n"
                "\n"
                "- burns, including bad sunburn\n"
                "- blisters\n"
                "- cuts, grazes and other injuries to the skin\n"
                "- skin conditions that cause blisters\n"
                "- using strong steroid creams for a long time\n"
                "- skin treatments that remove the top layers of skin, such as "
                "dermabrasion, laser resurfacing or strong chemical peels\n"
                "\n"
                "Very heavy, rich or greasy creams may also play a part, although this is "
                "less certain.\n"
                "\n"
                "Secondary milia usually appear in the area that was damaged. They "
                "sometimes clear by themselves, but they often stay.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Neonatal milia (milia in babies)",
                "body": "Neonatal milia are milia in newborn babies. They are very common. Up to "
                "half of all newborns have them.\n"
                "\n"
                "They are most often on the nose. They can also appear on the cheeks, "
                "chin, forehead and scalp.\n"
                "\n"
                "They usually clear up by themselves within a few weeks. You do not need "
                "to do anything. Do not squeeze them or put creams on them.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "If you are worried about your baby",
                "body": "Milia in babies are harmless and need no treatment. If you are worried, "
                "or your baby seems unwell in any way, talk to your health visitor, "
                "midwife or GP.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Multiple eruptive milia",
                "body": "This type is rare. Lots of milia appear over a few weeks or months. They "
                "are most often on the face, upper arms and upper body. Sometimes they "
                "itch.\n"
                "\n"
                "If lots of new milia appear in this way, see a dermatologist (a doctor "
                "who specialises in skin). They can look for a cause and talk about "
                "treatment.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Milia en plaque",
                "body": "This type is also rare. Many milia sit together on a raised patch of "
                "skin. The patch is often red or pink.\n"
                "\n"
                "It is most often found behind the ears or on the eyelids. It can also "
                "appear on other parts of the face.\n"
                "\n"
                "Milia en plaque needs to be checked by a dermatologist. It can look like "
                "other skin conditions, and it may be treated differently from ordinary "
                "milia.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "see_someone",
                "heading": "See a GP or dermatologist if",
                "body": "- lots of new milia appear over a few weeks or months\n"
                "- your milia sit on a raised or red patch of skin\n"
                "- milia appear after a blistering rash, a burn or starting a new "
                "medicine\n"
                "- you are not sure what the bumps are",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "removing-milia-at-home",
        "title": "Why you should not remove milia at home",
        "summary": "Squeezing or picking milia rarely works and can cause infection, scars and marks. "
        "Find out why, and what to do instead.",
        "order": 3,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "The short answer",
                "body": "Please do not try to squeeze, pick or pop milia yourself. It rarely "
                "works. It can leave you with an infection, a scar or a mark that lasts "
                "longer than the milia would have.\n"
                "\n"
                "If milia bother you, a trained clinician can remove them safely.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Why it is tempting",
                "body": "Milia can look a lot like whiteheads, so it is natural to want to squeeze "
                "them. Some people try:\n"
                "\n"
                "- squeezing them with their fingers\n"
                "- pricking them with a needle or pin\n"
                "- scrubbing hard, or using acne creams\n"
                "\n"
                "It is frustrating when a small bump will not budge. Wanting it gone is "
                "completely understandable.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Milia are not spots",
                "body": "Each milium is a tiny cyst. A cyst is a small, closed sac under the skin. "
                "It is filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "Unlike a spot, a milium has no opening at the surface. The keratin inside "
                "is hard and firm, and it is sealed in under the skin. Squeezing will not "
                "push it out. You are much more likely to damage the skin around it.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Infection",
                "body": "Fingers, needles and pins carry germs. Breaking the skin lets those germs "
                "in.\n"
                "\n"
                "A harmless bump can then become red, swollen and sore. An infection can "
                "take weeks to heal. Some infections need antibiotics.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Scars and marks",
                "body": "Picking and squeezing can leave:\n"
                "\n"
                "- small scars or pits\n"
                "- rough or uneven skin\n"
                "- darker or lighter patches of skin\n"
                "\n"
                "Darker or lighter patches are more likely on brown and black skin. They "
                "can take months to fade, and sometimes they do not fade completely.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "The skin around your eyes",
                "body": "Milia often appear on the eyelids and around the eyes. The skin here is "
                "very thin and delicate. It bruises and swells easily, and it marks easily "
                "too.\n"
                "\n"
                "**Never use needles, pins or any other tools near your eyes.** One slip "
                "could injure your eye.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "do_dont",
                "heading": "What to do instead",
                "body": "",
                "do_items": "leave milia alone if they do not bother you\n"
                "wash your face gently and remove make-up every night\n"
                "ask a pharmacist, GP or dermatologist if you are not sure what the "
                "bumps are\n"
                "see a trained clinician if you would like them removed",
                "dont_items": "squeeze, pick or scratch milia\n"
                "use needles, pins or tweezers on them\n"
                "use any sharp tool near your eyes\n"
                "scrub hard or use harsh products to try to shift them\n"
                "buy extraction tools or kits to use on yourself",
            },
            {
                "kind": "see_someone",
                "heading": "If you have already tried, see a GP or pharmacist promptly if you "
                "notice",
                "body": "- redness that is spreading\n"
                "- swelling\n"
                "- skin that feels hot\n"
                "- pain that is getting worse\n"
                "- pus, which is yellow or green fluid\n"
                "- you feel unwell or have a high temperature",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Near your eyes",
                "body": "Get urgent help if swelling spreads around your eye, your eye itself "
                "hurts, or your eyesight changes. Call NHS 111, or go to A&E.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "treatments",
        "title": "Treatments for milia",
        "summary": "Milia often need no treatment. If they bother you, there are several ways a trained "
        "clinician may be able to help.",
        "order": 4,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "Do milia need treatment?",
                "body": "Often, no. Milia are tiny cysts, which are small, closed sacs under the "
                "skin. They are filled with keratin, a tough protein found in your skin, "
                "hair and nails. They are harmless.\n"
                "\n"
                "In babies, milia clear up by themselves. In adults, some clear up in "
                "time, but others last for months or longer.\n"
                "\n"
                "You may want treatment if milia bother you, or if they affect how you "
                "feel about your skin. That is a perfectly good reason to ask for advice.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Treatment on the NHS",
                "body": "Because milia are harmless, removing them is usually seen as a cosmetic "
                "treatment. This means it is usually not available on the NHS. Treatment "
                "at a private clinic, such as ours, has to be paid for.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Milia extraction",
                "body": "A trained clinician makes a tiny opening over each milium with a sterile "
                "needle or fine blade. They then gently press out the keratin. This is the "
                "most common treatment. It can work straight away for the milia that are "
                "treated.\n"
                "\n"
                "Read more on our **Milia extraction** page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Chemical peels",
                "body": "A mild acid is put on the skin for a short time to remove the top layer "
                "of dead skin cells. This may help if you have lots of milia, or milia "
                "after skin damage. Peels are not used around the eyes.\n"
                "\n"
                "Read more on our **Chemical peels** page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Laser treatment",
                "body": "A laser is a strong, focused beam of light. It can be used to open up or "
                "remove milia. It may help if you have many milia, or milia that keep "
                "coming back.\n"
                "\n"
                "Read more on our **Laser treatment** page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Cryotherapy",
                "body": "Cryotherapy means freezing. Very cold liquid nitrogen is used to freeze "
                "the milia. It is not usually used close to the eyes.\n"
                "\n"
                "Read more on our **Cryotherapy** page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Topical retinoids",
                "body": "These are prescription creams or gels made from vitamin A. They work "
                "slowly. They may help if you have lots of small milia, and may help stop "
                "new ones forming.\n"
                "\n"
                "Read more on our **Topical retinoids** page.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How good is the evidence?",
                "body": "There are no large studies that compare these treatments with each other. "
                "Most of the evidence comes from small studies, reports of single patients "
                "and doctors' experience.\n"
                "\n"
                "Extraction has the most direct evidence and experience behind it. The "
                "other treatments may help, but results vary from person to person. No "
                "treatment can promise that new milia will not appear later.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Talking to us",
                "body": "At Kingsway Skin Clinic, our dermatologists can check your skin and "
                "confirm whether the bumps are milia. We will talk you through the "
                "options, including leaving them alone. We will only suggest treatment if "
                "it is right for you.\n"
                "\n"
                "To book, call us on 020 7946 0123.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "prevention",
        "title": "Can you prevent milia?",
        "summary": "You cannot always prevent milia. But some simple skincare habits may lower the "
        "chance of new ones appearing.",
        "order": 5,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "The short answer",
                "body": "You cannot always prevent milia. Primary milia often appear for no clear "
                "reason, even if you look after your skin very well. If you get them, it "
                "is not your fault.\n"
                "\n"
                "Milia are tiny cysts, which are small, closed sacs under the skin. They "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "The tips below may help lower the chance of new milia. None of them is "
                "guaranteed to work, and the evidence for them is limited.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Exfoliate gently",
                "body": "Exfoliating means removing dead skin cells from the surface of your "
                "skin.\n"
                "\n"
                "Gentle products that contain mild acids may help. These include AHAs "
                "(alpha hydroxy acids, such as glycolic or lactic acid) and BHAs (beta "
                "hydroxy acids, such as salicylic acid).\n"
                "\n"
                "- Use them a few times a week, not every day at first.\n"
                "- Keep them away from your eyelids and the skin close to your eyes.\n"
                "- Stop if your skin becomes sore or red.\n"
                "- Avoid rough scrubs. Scrubbing hard will not shift milia and can "
                "irritate your skin.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Choose lighter products",
                "body": "Very heavy, rich creams and thick, oily products may play a part in milia "
                "for some people. This is especially true around the eyes.\n"
                "\n"
                "It may help to choose lighter, non-greasy moisturisers and eye creams. If "
                "you have been prescribed a cream, such as a steroid cream, do not stop "
                "using it without advice. Ask your doctor or pharmacist if you are "
                "worried.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Cleanse well",
                "body": "Wash your face gently every evening. Take off all your make-up and "
                "sunscreen before bed. Use a mild cleanser and lukewarm water, and pat "
                "your skin dry.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Consider a low-strength retinol",
                "body": "Retinol is a form of vitamin A found in some skincare products. It may "
                "help your skin renew itself.\n"
                "\n"
                "Get advice from a pharmacist or dermatologist before you start. Begin "
                "with a low strength, and use it only a few times a week at first. Do not "
                "use retinol if you are pregnant or trying for a baby.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Protect your skin from the sun",
                "body": "Sun damage harms your skin, and sunburn is one of the skin injuries that "
                "can lead to milia.\n"
                "\n"
                "Use a broad-spectrum sunscreen of SPF 30 or higher every day, even when "
                "it is cloudy. Wear a hat and sunglasses in strong sun. Avoid sunbeds.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "do_dont",
                "heading": "Everyday skincare",
                "body": "",
                "do_items": "cleanse gently and remove make-up every night\n"
                "exfoliate gently a few times a week, away from your eyes\n"
                "choose light, non-greasy moisturisers\n"
                "wear sunscreen of SPF 30 or higher every day",
                "dont_items": "scrub hard or use harsh products\n"
                "pile thick, rich creams onto the skin around your eyes\n"
                "squeeze or pick milia\n"
                "start retinol in pregnancy or if you are trying for a baby",
            },
            {
                "kind": "callout",
                "heading": "Still getting milia?",
                "body": "If new milia keep appearing despite good skincare, a dermatologist can "
                "check your skin. At Kingsway Skin Clinic, our dermatologists can talk to "
                "you about treatment and about ways to lower the chance of more milia. "
                "Call us on 020 7946 0123.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "when-to-see-a-doctor",
        "title": "When to see a doctor about milia",
        "summary": "Most milia are harmless and do not need a doctor. Find out when it is a good idea to "
        "get them checked, and who can help.",
        "order": 6,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "The short answer",
                "body": "Most milia are harmless. You do not need to see a doctor for every small "
                "white bump.\n"
                "\n"
                "But it is a good idea to get advice if something about your milia worries "
                "you, or if they do not look or behave like ordinary milia. The list below "
                "will help you decide.\n"
                "\n"
                "Milia are tiny cysts, which are small, closed sacs under the skin. They "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "see_someone",
                "heading": "See a GP or dermatologist if",
                "body": "- your milia do not go away, or they spread\n"
                "- you have lots of milia\n"
                "- your milia are on or around your eyes and you would like them removed\n"
                "- your milia are affecting how you feel about yourself\n"
                "- you are not sure the bumps are milia\n"
                "- lots of milia appear suddenly, in crops, over a few weeks or months\n"
                "- your milia sit on a red or raised patch of skin\n"
                "- milia appear after a blistering rash, a burn or starting a new "
                "medicine\n"
                "- a bump grows, bleeds, changes colour or shape, or looks different from "
                "the others",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Signs of infection",
                "body": "Milia do not usually become infected. But an infection can happen if the "
                "skin has been picked, squeezed or broken.\n"
                "\n"
                "See a GP or pharmacist promptly if the skin around a bump:\n"
                "\n"
                "- becomes red, and the redness spreads\n"
                "- swells up\n"
                "- feels hot\n"
                "- is painful\n"
                "- has pus in it\n"
                "\n"
                "Get urgent help if swelling spreads around your eye, your eye hurts, your "
                "eyesight changes, or you feel very unwell. Call NHS 111, or go to A&E.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Milia in babies",
                "body": "Milia in newborn babies are very common and harmless. They usually clear "
                "up by themselves within a few weeks, and they need no treatment.\n"
                "\n"
                "Do not squeeze them or put creams on them. If you are worried about your "
                "baby's skin, or your baby seems unwell, talk to your health visitor, "
                "midwife or GP.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who can help",
                "body": "- **A pharmacist** can look at your skin, give advice and tell you if you "
                "need to see a doctor. They can also help if you think a bump is "
                "infected.\n"
                "- **Your GP** can check the bumps, tell you if they are milia and refer "
                "you to a specialist if needed. Removing milia for how they look is "
                "usually not available on the NHS.\n"
                "- **A dermatologist** is a doctor who specialises in skin. They can "
                "diagnose less common types of milia and talk to you about treatment.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Kingsway Skin Clinic",
                "body": "Our dermatologists can check your skin, confirm whether the bumps are "
                "milia and talk you through your options. Call us on 020 7946 0123, or "
                "visit us at 14 Kingsway, London WC2B 6LH.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "page",
        "slug": "myths",
        "title": "Milia myths and facts",
        "summary": "There is a lot of confusing advice about milia. Here are the facts behind some "
        "common myths, and some words on how milia can make you feel.",
        "order": 7,
        "booking_slug": "",
        "sections": [
            {
                "kind": "text",
                "heading": "Fact: milia cannot be popped like spots",
                "body": "**Myth:** you can squeeze milia out, just like spots.\n"
                "\n"
                "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "Unlike a spot, a milium has no opening. The keratin inside is hard and "
                "sealed in. Squeezing will not push it out. It is more likely to damage "
                "your skin and cause infection, scars or marks.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Fact: most acne creams will not clear milia",
                "body": "**Myth:** acne creams and spot treatments will get rid of milia.\n"
                "\n"
                "Most spot treatments target oil and germs. Milia are not caused by "
                "either, so these products will not shift them.\n"
                "\n"
                "The one exception is retinoid creams, such as tretinoin and adapalene. "
                "These are used for acne, but they may also help milia slowly. They are "
                "prescription medicines, and they are not safe in pregnancy.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Fact: anyone can get milia",
                "body": "**Myth:** only babies get milia.\n"
                "\n"
                "Milia are very common in newborn babies. But children and adults of any "
                "age can get them too. In adults, they are most common on the eyelids, "
                "cheeks, nose and forehead.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Fact: scrubbing harder will not shift milia",
                "body": "**Myth:** if you scrub or exfoliate hard enough, milia will come off.\n"
                "\n"
                "Milia sit under the surface of the skin, sealed inside a tiny sac. "
                "Scrubbing hard will not remove them. It can make your skin sore, red and "
                "irritated. Gentle care is better for your skin.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Fact: milia are not a sign of dirty skin",
                "body": "**Myth:** milia mean you are not washing your face properly.\n"
                "\n"
                "Milia form when keratin gets trapped under the skin. Often there is no "
                "clear reason why. They can appear in people with very good skincare "
                "routines. Having milia does not mean your skin is dirty.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How milia can make you feel",
                "body": "Milia are harmless to your health. But that does not mean they do not "
                "matter to you.\n"
                "\n"
                "Many people feel self-conscious about milia, especially when they are "
                "around the eyes. You may notice them every time you look in the mirror. "
                "You may feel they are hard to cover with make-up. These feelings are "
                "normal and very common.\n"
                "\n"
                "It is fine to ask for help because of how milia make you feel. You do not "
                "need a medical reason. A dermatologist can talk you through the options, "
                "including safe removal.\n"
                "\n"
                "If worries about your skin are affecting your mood, your sleep or your "
                "daily life, please talk to your GP. Support is available.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Remember",
                "body": "Milia are common, harmless and not contagious. They are not your fault. "
                "If they bother you, safe help is available. You can call Kingsway Skin "
                "Clinic on 020 7946 0123.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "treatment",
        "slug": "chemical-peels",
        "title": "Chemical peels",
        "summary": "A mild acid is put on the skin to remove the top layer of dead skin cells. A course "
        "of peels may help when there are many milia, but they are not used around the eyes.",
        "order": 2,
        "booking_slug": "chemical-peel",
        "sections": [
            {
                "kind": "text",
                "heading": "What happens",
                "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "A chemical peel is a liquid or gel that contains a mild acid. Common ones "
                "are glycolic acid (an AHA, or alpha hydroxy acid) and salicylic acid (a "
                "BHA, or beta hydroxy acid).\n"
                "\n"
                "At your appointment:\n"
                "\n"
                "- your clinician cleans your skin\n"
                "- they put the peel on the area being treated, keeping well away from "
                "your eyes\n"
                "- they leave it on for a short, timed period, then remove it\n"
                "\n"
                "You may feel tingling, warmth or stinging while the peel is on. The peel "
                "loosens the top layer of dead skin cells. This may help the trapped "
                "keratin work its way out, and may help stop new milia forming.\n"
                "\n"
                "You usually need a course of several peels, a few weeks apart.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who it may suit",
                "body": "A peel may suit you if:\n"
                "\n"
                "- you have lots of milia over a wider area, such as your cheeks or "
                "forehead\n"
                "- your milia appeared after skin damage (secondary milia)\n"
                "- you would like to combine it with extraction\n"
                "\n"
                "A peel may not be right for you if:\n"
                "\n"
                "- your milia are on your eyelids or close to your eyes\n"
                "- you are pregnant, trying for a baby or breastfeeding (some peels, such "
                "as salicylic acid peels, are usually avoided in pregnancy because there "
                "is little safety information)\n"
                "- you are allergic to aspirin (salicylic acid is related to aspirin)\n"
                "- you take, or recently took, isotretinoin tablets for acne\n"
                "- your skin is sunburnt, broken or has an active cold sore\n"
                "\n"
                "Please tell us about any medicines you use, including creams.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How well it works",
                "body": "Peels may help some people with many milia. But the evidence is limited. "
                "It comes mostly from small reports and doctors' experience, not large "
                "trials.\n"
                "\n"
                "Results vary. Peels work slowly, over a course of treatments. They may "
                "not clear every milium. You may still need extraction for some bumps.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Risks",
                "body": "- Stinging, redness, dryness and peeling for a few days are common.\n"
                "- Darker or lighter patches of skin can happen. This is more likely on "
                "brown and black skin.\n"
                "- Rarely, blisters, infection or scarring.\n"
                "- A peel can trigger a cold sore if you get them.\n"
                "- Strong or deep peels can themselves cause milia as the skin heals. This "
                "is why gentle peels are usually chosen for milia.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Aftercare",
                "body": "- Wash with a gentle cleanser and use a light, non-greasy moisturiser.\n"
                "- Do not pick or pull at peeling skin. Let it come away by itself.\n"
                "- Protect your skin from the sun. Use a sunscreen of SPF 30 or higher "
                "every day, and avoid sunbeds.\n"
                "- Avoid scrubs, other acid products and retinoid creams for a few days, "
                "unless your clinician tells you otherwise.\n"
                "- Contact us if you get blisters or signs of infection, such as spreading "
                "redness, swelling, heat, pain or pus.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "treatment",
        "slug": "cryotherapy",
        "title": "Cryotherapy",
        "summary": "Cryotherapy uses very cold liquid nitrogen to freeze milia. It may help milia away "
        "from the eyes, but it can cause blisters and lighter or darker patches of skin.",
        "order": 4,
        "booking_slug": "cryotherapy",
        "sections": [
            {
                "kind": "text",
                "heading": "What happens",
                "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "Cryotherapy means treatment with cold. Liquid nitrogen is extremely cold. "
                "Your clinician sprays it, or dabs it on with a cotton bud, onto each "
                "milium for a few seconds. This freezes the milium.\n"
                "\n"
                "It stings while it is being done, and for a short time afterwards. You do "
                "not usually need numbing cream.\n"
                "\n"
                "Over the next few hours or days:\n"
                "\n"
                "- the area may look red and swollen\n"
                "- a blister may form\n"
                "- a scab then forms and usually falls off within 1 to 2 weeks",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who it may suit",
                "body": "Cryotherapy may suit you if you have a few milia away from your eyes, for "
                "example on your cheeks, forehead or body.\n"
                "\n"
                "It is not usually used close to the eyes. The skin there is thin and "
                "delicate, and freezing can make the eyelids very puffy.\n"
                "\n"
                "It may not be right for you if:\n"
                "\n"
                "- you have brown or black skin, because of the higher risk of lighter or "
                "darker patches\n"
                "- you have a condition that makes you very sensitive to cold\n"
                "\n"
                "If so, we may suggest a different treatment.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How well it works",
                "body": "Cryotherapy is one of the treatment options listed by skin specialists. "
                "It may help. But the evidence for milia is limited. It comes mostly from "
                "doctors' experience and small reports, not large trials.\n"
                "\n"
                "It is less precise than extraction. Some milia need more than one "
                "treatment, and new milia can appear later.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Risks",
                "body": "- Stinging or pain during and after treatment.\n"
                "- Redness, swelling and blistering are common.\n"
                "- Infection is uncommon.\n"
                "- Lighter patches of skin are quite common. They can be permanent. Darker "
                "patches can also happen. Both are more likely, and more noticeable, on "
                "brown and black skin.\n"
                "- Scarring is uncommon.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Aftercare",
                "body": "- Keep the area clean. You can wash as normal, but pat the skin dry "
                "gently.\n"
                "- Try not to burst any blister. If it bursts by itself, keep it clean and "
                "cover it with a plaster.\n"
                "- Do not pick the scab. Let it fall off by itself.\n"
                "- You can take paracetamol if the area is sore. Follow the dose on the "
                "packet.\n"
                "- Protect the area from the sun. Use a sunscreen of SPF 30 or higher "
                "every day.\n"
                "- Contact us if you notice signs of infection, such as spreading redness, "
                "swelling, heat, pain or pus.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "treatment",
        "slug": "extraction",
        "title": "Milia extraction",
        "summary": "A trained clinician makes a tiny opening in the skin and gently presses out the "
        "trapped keratin. It is quick, and it is the most common treatment for milia.",
        "order": 1,
        "booking_slug": "milia-extraction",
        "sections": [
            {
                "kind": "text",
                "heading": "What happens",
                "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails. Extraction removes this keratin.\n"
                "\n"
                "At your appointment:\n"
                "\n"
                "- your clinician looks at your skin and checks that the bumps are milia\n"
                "- they clean the skin\n"
                "- they make a tiny opening over each milium with a sterile needle or a "
                "very fine blade\n"
                "- they gently press the keratin out, often with a small tool called a "
                "comedone extractor\n"
                "\n"
                "Most people feel a small prick or scratch. You do not usually need "
                "numbing cream. Treating a few milia takes only a few minutes.\n"
                "\n"
                "Extraction must be done by a trained clinician using sterile tools. It is "
                "not safe to try it at home.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who it may suit",
                "body": "Extraction may suit you if:\n"
                "\n"
                "- you have a small number of milia\n"
                "- your milia are on your face, including around your eyes, where a "
                "trained clinician can work with care\n"
                "- you would like a quick result\n"
                "\n"
                "If you have a very large number of milia, extracting them one by one may "
                "not be practical. We may talk to you about other treatments instead, or "
                "as well.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How well it works",
                "body": "Extraction is the treatment most often recommended for milia in medical "
                "reviews. It has the most direct evidence and experience behind it. Even "
                "so, this evidence comes mainly from doctors' experience and small "
                "reports, not large trials.\n"
                "\n"
                "For each milium treated, the result is usually seen straight away. Once a "
                "milium has been fully removed, it rarely comes back in the same place. "
                "But new milia can still appear in other places over time.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Risks",
                "body": "Extraction is a small procedure, but it does have some risks:\n"
                "\n"
                "- a little redness, a tiny scab or a small spot of bleeding\n"
                "- bruising, especially around the eyes\n"
                "- infection, which is uncommon\n"
                "- a small mark or scar\n"
                "- darker or lighter patches of skin, which are more likely on brown and "
                "black skin and can take months to fade\n"
                "- sometimes not all of the keratin comes out, and the milium needs "
                "treating again",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Aftercare",
                "body": "- Keep the area clean. Wash it gently with water or a mild cleanser.\n"
                "- Do not pick at any small scabs. Let them fall off by themselves.\n"
                "- Avoid make-up on the treated spots for about a day, or for as long as "
                "your clinician advises.\n"
                "- Protect your skin from the sun. Use a sunscreen of SPF 30 or higher "
                "every day.\n"
                "- Contact us or your GP if you notice signs of infection, such as "
                "spreading redness, swelling, heat, pain or pus.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Booking",
                "body": "You can book a milia extraction appointment with us on 020 7946 0123. We "
                "will always check your skin first, and make sure extraction is right for "
                "you.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "treatment",
        "slug": "laser",
        "title": "Laser treatment",
        "summary": "A laser can be used to open up or remove milia. It may help when there are many "
        "milia or milia that keep coming back, but it carries a risk of skin colour changes.",
        "order": 3,
        "booking_slug": "laser-treatment",
        "sections": [
            {
                "kind": "text",
                "heading": "What happens",
                "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "A laser is a strong, focused beam of light. For milia, a type of laser "
                "such as a CO2 laser or an erbium laser is used. It makes a tiny opening "
                "over each milium, or removes the thin layer of skin on top. This lets the "
                "keratin come out.\n"
                "\n"
                "At your appointment:\n"
                "\n"
                "- your clinician may put numbing cream on your skin first\n"
                "- you wear special eye shields to protect your eyes\n"
                "- the laser is passed over each milium\n"
                "\n"
                "You may feel heat or a snapping feeling. How long it takes depends on how "
                "many milia are treated. Some people need more than one session.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who it may suit",
                "body": "Laser treatment may suit you if:\n"
                "\n"
                "- you have many milia\n"
                "- your milia are stubborn or keep coming back\n"
                "- other treatments have not helped\n"
                "\n"
                "It may not be right for you if your skin is tanned, or if you are prone "
                "to darker patches of skin after injury. Please tell us if you are "
                "pregnant, if you get cold sores, or if you take any medicines, especially "
                "isotretinoin tablets for acne.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How well it works",
                "body": "Laser treatment may help. Doctors have reported good results in some "
                "people with many milia. But the evidence comes from reports of single "
                "patients and small groups, not large trials.\n"
                "\n"
                "Results vary from person to person. It may not clear every milium, and "
                "new milia can appear later.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Risks",
                "body": "- Redness, swelling and small crusts for several days are common.\n"
                "- Darker or lighter patches of skin can happen. This is more likely on "
                "brown and black skin, and on skin that has been tanned. The patches can "
                "take months to fade, and sometimes they are permanent.\n"
                "- Infection, including a flare of cold sores.\n"
                "- Scarring, which is uncommon.\n"
                "- New milia. Ironically, treatments that remove the top layers of skin, "
                "such as laser resurfacing, are a known cause of milia. A few may appear "
                "as your skin heals.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "Before your treatment",
                "body": "Do not tan, use sunbeds or use fake tan for several weeks before laser "
                "treatment. Your clinician will tell you exactly how long. Tanned skin is "
                "more likely to get darker or lighter patches.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Aftercare",
                "body": "- Keep the area clean. Wash it gently as your clinician advises.\n"
                "- Use only the products your clinician recommends while your skin heals. "
                "Avoid heavy, greasy creams.\n"
                "- Do not pick or rub off any crusts. Let them fall off by themselves.\n"
                "- Avoid make-up until your skin has healed.\n"
                "- Protect your skin from the sun. Use a sunscreen of SPF 30 or higher "
                "every day, and avoid sunbeds.\n"
                "- Contact us if you notice signs of infection, such as spreading redness, "
                "swelling, heat, pain or pus.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
    {
        "kind": "treatment",
        "slug": "topical-retinoids",
        "title": "Topical retinoids",
        "summary": "Retinoid creams and gels, such as tretinoin and adapalene, are prescription "
        "medicines that may slowly help lots of small milia. They must not be used in "
        "pregnancy.",
        "order": 5,
        "booking_slug": "general-consultation",
        "sections": [
            {
                "kind": "text",
                "heading": "What happens",
                "body": "Milia are tiny cysts. A cyst is a small, closed sac under the skin. Milia "
                "are filled with keratin, a tough protein found in your skin, hair and "
                "nails.\n"
                "\n"
                "Retinoids are medicines made from vitamin A. Topical means you put them "
                "on your skin. Examples are tretinoin and adapalene.\n"
                "\n"
                "Retinoids speed up the rate at which your skin replaces old cells. This "
                "may help trapped keratin come out, and may help stop new milia forming.\n"
                "\n"
                "You usually put a thin layer on the affected skin once a day, in the "
                "evening. You keep it away from your eyes, eyelids, lips and the corners "
                "of your nose. It works slowly. It can take weeks or months to see any "
                "change.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "callout",
                "heading": "A prescription medicine",
                "body": "In the UK, tretinoin and adapalene are prescription-only medicines. A "
                "doctor has to decide if they are right for you.\n"
                "\n"
                "We do not have a separate appointment for retinoids. To talk about them, "
                "please book a **general consultation**. One of our dermatologists will "
                "check your skin and tell you if a retinoid might help.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Who it may suit",
                "body": "A retinoid may suit you if:\n"
                "\n"
                "- you have lots of small milia\n"
                "- you get new milia again and again\n"
                "- you want to use it alongside extraction\n"
                "\n"
                "It is not suitable if:\n"
                "\n"
                "- you are pregnant or trying for a baby\n"
                "- your milia are on your eyelids\n"
                "- you have very sensitive skin or eczema on the area\n"
                "\n"
                "If you are breastfeeding, please tell us before starting.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "How well it works",
                "body": "Retinoids may help, especially when there are lots of small milia. But "
                "the evidence is limited. It comes mostly from doctors' experience and "
                "small reports, not large trials.\n"
                "\n"
                "Results are slow. Retinoids may not clear larger or deeper milia. You may "
                "still need extraction for some of them.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Risks",
                "body": "- Irritation is common, especially in the first few weeks. Your skin may "
                "feel dry, red, sore or flaky.\n"
                "- Your skin will burn more easily in the sun.\n"
                "- Some people get lighter or darker patches of skin for a while.\n"
                "- **Retinoids must not be used in pregnancy or if you are trying for a "
                "baby.** Retinoid tablets are known to harm unborn babies. The amount "
                "absorbed from creams is small, but the advice is to avoid them to be "
                "safe.",
                "do_items": "",
                "dont_items": "",
            },
            {
                "kind": "text",
                "heading": "Aftercare",
                "body": "- Start slowly, for example every other night, to let your skin get used "
                "to it.\n"
                "- Use only a small amount. A pea-sized amount is usually enough for the "
                "whole face.\n"
                "- Use a light, non-greasy moisturiser if your skin feels dry.\n"
                "- Protect your skin from the sun. Use a sunscreen of SPF 30 or higher "
                "every day, and avoid sunbeds.\n"
                "- Do not use other strong acid products at the same time, unless your "
                "doctor says so.\n"
                "- Stop and contact us if your skin becomes very sore or swollen.\n"
                "- If you become pregnant, stop using it straight away and talk to your "
                "doctor.",
                "do_items": "",
                "dont_items": "",
            },
        ],
    },
]

FAQS = [
    (
        "What are milia?",
        "Milia are tiny, firm white or yellowish bumps on the skin. Each one is a small cyst (a closed "
        "sac under the skin) filled with keratin, a tough protein found in your skin, hair and nails. "
        "They are harmless and are not caused by germs or blocked pores.",
    ),
    (
        "Can I pop milia like a spot?",
        "No. Milia have no opening, and the keratin inside is hard and sealed in, so squeezing will not "
        "push it out. Trying can damage your skin and cause infection, scars or marks. A trained "
        "clinician can remove them safely with sterile tools.",
    ),
    (
        "Why do adults get milia?",
        "Often there is no clear reason. Keratin simply gets trapped under the skin. Milia can also "
        "appear after the skin has been damaged, for example by burns, blisters or strong skin "
        "treatments. Heavy, rich creams may play a part for some people.",
    ),
    (
        "Do milia hurt?",
        "Milia do not usually hurt or itch. If a bump becomes red, swollen or sore, it may be irritated "
        "or infected, often after picking. See a pharmacist or GP if this happens.",
    ),
    (
        "Do milia go away on their own?",
        "In newborn babies, milia usually clear up by themselves within a few weeks. In older children "
        "and adults, some clear up in time, but others last for months or longer. You only need "
        "treatment if they bother you.",
    ),
    (
        "What are the safest ways to remove milia?",
        "The safest way is to have them removed by a trained clinician. Extraction, where the clinician "
        "makes a tiny opening and presses out the keratin, is the most common treatment. Chemical peels, "
        "laser treatment, cryotherapy (freezing) or prescription retinoid creams may help some people, "
        "but the evidence for these is more limited.",
    ),
    (
        "Can skincare prevent milia?",
        "Not always. Primary milia often appear for no clear reason. Gentle exfoliation, lighter "
        "moisturisers, removing make-up every night and daily sunscreen may lower the chance of new "
        "milia, but they are not guaranteed to work.",
    ),
    (
        "When should I see a doctor about milia?",
        "See a GP or dermatologist if your milia last a long time, spread, or there are lots of them. "
        "Also get advice if they are around your eyes, appear suddenly in crops, sit on a red patch, or "
        "affect how you feel. Get a bump checked if it grows, bleeds or changes.",
    ),
    (
        "Are milia dangerous?",
        "No. Milia are harmless and are not contagious. They are not a sign of infection or serious "
        "illness. The main concern for most people is how they look and how that makes them feel.",
    ),
    (
        "Can removing milia myself cause long-term problems?",
        "Yes, it can. Squeezing or picking milia can lead to infection, scars and darker or lighter "
        "patches of skin, which may last for months or longer. The risk is highest around the eyes, "
        "where the skin is very thin and delicate.",
    ),
]

SOURCES = [
    {
        "authors": "Berk DR, Bayliss SJ",
        "year": "2008",
        "title": "Milia: a review and classification",
        "publisher": "Journal of the American Academy of Dermatology",
        "url": "https://doi.org/10.1016/j.jaad.2008.07.034",
    },
    {
        "authors": "Gupta M, Oakley A",
        "year": "2009",
        "title": "Milium",
        "publisher": "DermNet",
        "url": "https://www.dermnetnz.org/topics/milium",
    },
    {
        "authors": "Academy of Medical Royal Colleges",
        "year": "2019",
        "title": "Removal of benign skin lesions",
        "publisher": "Evidence-Based Interventions programme, Academy of Medical Royal Colleges",
        "url": "https://ebi.aomrc.org.uk/interventions/removal-of-benign-skin-lesions/",
    },
    {
        "authors": "UK Teratology Information Service",
        "year": "2024",
        "title": "Retinoid gels and creams (topical retinoids)",
        "publisher": "bumps - best use of medicines in pregnancy (UK Teratology Information Service)",
        "url": "https://medicinesinpregnancy.org/leaflets-a-z/isotretinoin-gel",
    },
]
