from django.conf import settings


def phone_link() -> str:
    """The clinic's number as a tel: link wants it: +44 and no spaces."""
    return "+44" + settings.CLINIC_PHONE.replace(" ", "").lstrip("0")


def clinic(request):
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "phone": settings.CLINIC_PHONE,
            "phone_link": phone_link(),
            "email": settings.CLINIC_EMAIL,
            "address": settings.CLINIC_ADDRESS,
        }
    }
