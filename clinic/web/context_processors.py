from django.conf import settings


def clinic(request):
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "phone": settings.CLINIC_PHONE,
            "phone_link": "+44" + settings.CLINIC_PHONE.replace(" ", "").lstrip("0"),
            "email": settings.CLINIC_EMAIL,
            "address": settings.CLINIC_ADDRESS,
        }
    }
