"""The audit trail: one function that every door calls when staff see or change health data."""

from django.contrib.auth.models import AnonymousUser, User

from bookings.models import AuditEntry


def audit_record(
    *,
    user: User | AnonymousUser | None,
    action: str,
    target: str,
    detail: str = "",
    actor: str = "",
) -> AuditEntry:
    """Records that `user` (None: the patient or the system, named by `actor`) did `action`."""
    signed_in = user if isinstance(user, User) else None
    return AuditEntry.objects.create(
        user=signed_in,
        actor=signed_in.get_username() if signed_in else (actor or "patient"),
        action=action,
        target=target[:100],
        detail=detail[:300],
    )


def audit_record_views(*, user: User, bookings, where: str) -> None:
    """Records, in one query, that `user` saw the intake answers of each of `bookings`."""
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user,
            actor=user.get_username(),
            action=AuditEntry.Action.VIEWED_INTAKE,
            target=f"booking {booking.reference}",
            detail=where,
        )
        for booking in bookings
    )
