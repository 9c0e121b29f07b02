"""A small part of schema.org (https://schema.org/docs/full.html), enough to check the
guide's JSON-LD: the types it uses, their parents, the properties each may carry, and
for some properties the types a value must have. Written from schema.org's pages;
only what the guide uses is here, so anything else is reported as unknown."""

# type: (parent types, properties defined on it)
TYPES: dict[str, tuple[tuple[str, ...], set[str]]] = {
    "Thing": ((), {"name", "url", "description", "identifier", "sameAs"}),
    "CreativeWork": (
        ("Thing",),
        {
            "author",
            "publisher",
            "datePublished",
            "dateModified",
            "inLanguage",
            "citation",
            "about",
            "mainEntity",
            "text",
        },
    ),
    "WebPage": (("CreativeWork",), {"breadcrumb", "lastReviewed", "reviewedBy"}),
    "MedicalWebPage": (("WebPage",), {"medicalAudience"}),
    "FAQPage": (("WebPage",), set()),
    "Question": (("CreativeWork",), {"acceptedAnswer"}),
    "Answer": (("CreativeWork",), set()),
    "ItemList": (("Thing",), {"itemListElement"}),
    "BreadcrumbList": (("ItemList",), set()),
    "ListItem": (("Thing",), {"position", "item"}),
    "Organization": (("Thing",), set()),
    "LocalBusiness": (("Organization",), set()),
    "MedicalOrganization": (("Organization",), set()),
    "MedicalClinic": (("MedicalOrganization", "LocalBusiness"), set()),
    "Person": (("Thing",), {"jobTitle", "honorificSuffix"}),
    "PropertyValue": (("Thing",), {"propertyID", "value"}),
    "Audience": (("Thing",), {"audienceType"}),
    "MedicalAudience": (("Audience",), set()),
    "MedicalEntity": (("Thing",), set()),
    "MedicalCondition": (
        ("MedicalEntity",),
        {
            "signOrSymptom",
            "differentialDiagnosis",
            "possibleComplication",
            "possibleTreatment",
            "drug",
        },
    ),
    "MedicalSignOrSymptom": (("MedicalCondition",), set()),
    "DDxElement": (("MedicalEntity",), {"diagnosis"}),
    "MedicalTherapy": (("MedicalEntity",), set()),
    "Drug": (("MedicalEntity",), {"prescriptionStatus"}),
}

# property: the types its value may be (a plain string is allowed where "Text" is listed)
RANGES: dict[str, set[str]] = {
    "medicalAudience": {"MedicalAudience"},
    "publisher": {"Organization", "Person"},
    "reviewedBy": {"Organization", "Person"},
    "breadcrumb": {"BreadcrumbList", "Text"},
    "citation": {"CreativeWork", "Text"},
    "signOrSymptom": {"MedicalSignOrSymptom"},
    "differentialDiagnosis": {"DDxElement"},
    "diagnosis": {"MedicalCondition"},
    "possibleComplication": {"Text"},
    "possibleTreatment": {"MedicalTherapy"},
    "drug": {"Drug"},
    "identifier": {"PropertyValue", "Text"},
    "itemListElement": {"ListItem", "Text"},
    "acceptedAnswer": {"Answer"},
    "prescriptionStatus": {"Text"},
    "datePublished": {"Text"},
    "dateModified": {"Text"},
    "lastReviewed": {"Text"},
}
PRESCRIPTION_STATUSES = {"https://schema.org/OTC", "https://schema.org/PrescriptionOnly"}


def _ancestors(type_name: str) -> set[str]:
    names = {type_name}
    for parent in TYPES[type_name][0]:
        names |= _ancestors(parent)
    return names


def _allowed(types: list[str]) -> set[str]:
    return {prop for t in types for a in _ancestors(t) for prop in TYPES[a][1]}


def _is_a(value, wanted: set[str]) -> bool:
    if isinstance(value, str | int):
        return "Text" in wanted
    if isinstance(value, dict) and set(value) == {"@id"}:
        return True  # a reference to a node described elsewhere
    types = value.get("@type", []) if isinstance(value, dict) else []
    types = types if isinstance(types, list) else [types]
    return any(wanted & _ancestors(t) for t in types if t in TYPES)


def schema_problems(node, path: str = "$") -> list[str]:
    """Every way `node` (JSON-LD, with @graph or not) strays from this part of schema.org."""
    problems: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            problems += schema_problems(item, f"{path}[{index}]")
        return problems
    if not isinstance(node, dict):
        return problems
    if "@graph" in node:
        return schema_problems(node["@graph"], f"{path}.@graph")
    types = node.get("@type", [])
    types = types if isinstance(types, list) else [types]
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        return [f"{path}: unknown type {unknown}"]
    allowed = _allowed(types)
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        if types and prop not in allowed:
            problems.append(f"{path}: {prop} is not a property of {types}")
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if prop in RANGES and not _is_a(item, RANGES[prop]):
                problems.append(f"{path}.{prop}[{index}]: not a {sorted(RANGES[prop])}")
            if prop == "prescriptionStatus" and item not in PRESCRIPTION_STATUSES:
                problems.append(f"{path}.{prop}: {item!r} is not a DrugPrescriptionStatus")
            problems += schema_problems(item, f"{path}.{prop}[{index}]")
    return problems
