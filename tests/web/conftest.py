import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def staff(db):
    user = User.objects.create_user("desk", password="correct-horse-battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Reception"))
    return user
