"""Notifications in the portal and by e-mail (X2, L8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import TimestampedModel


class EmailDelivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Direct, één e-mail per melding")
    DIGEST = "digest", _("Eén keer per dag een overzicht")
    OFF = "off", _("Geen e-mail, alleen in het portaal")


class Notification(TimestampedModel):
    """A melding: something happened that concerns the recipient, shown in the portal and sent
    by e-mail after the change that caused it has been committed (X2).

    ``title``, ``text`` and ``params`` say only *what happened* ("a secret document was shared
    with the raad"), never what a confidential item says or is called: they are shown in the
    e-mail as they are (X2). ``title`` and ``text`` are Dutch source strings (msgids, marked
    with ``gettext_noop``) with ``%(name)s`` placeholders filled from ``params``; they are
    translated when shown, in the reader's language (X5). ``link`` is a path inside the portal,
    where the reader finds the content after signing in, with the access checks that apply then.

    ``key`` names the event for one recipient: a fan-out that runs twice (a retried task, a
    double click) creates nothing new.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    kind = models.CharField(
        _("soort"), max_length=80, help_text=_("Een korte code, bijvoorbeeld 'secrecy.shared'.")
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    params = models.JSONField(_("invulwaarden"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500)
    key = models.CharField(_("sleutel"), max_length=200)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(_("in dagoverzicht op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key"),
            # A path inside the portal: no scheme, no host, not protocol-relative.
            models.CheckConstraint(
                condition=Q(link__startswith="/") & ~Q(link__startswith="//"),
                name="notification_link_is_a_path",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def display_title(self) -> str:
        return _fill(self.title, self.params)

    def display_text(self) -> str:
        return _fill(self.text, self.params) if self.text else ""


def _fill(msgid: str, params: dict) -> str:
    """Translate a stored source string into the active language and fill in its values; a
    translation with a broken placeholder falls back to the Dutch source."""
    translated = gettext(msgid)
    if not params:
        return translated
    try:
        return translated % params
    except (KeyError, TypeError, ValueError):
        try:
            return msgid % params
        except (KeyError, TypeError, ValueError):
            return msgid


class NotificationPreference(models.Model):
    """How a person wants to receive notifications by e-mail. No row: the default,
    :attr:`EmailDelivery.IMMEDIATE`. Notifications always appear in the portal."""

    DEFAULT = EmailDelivery.IMMEDIATE

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("persoon"),
    )
    email_delivery = models.CharField(
        _("meldingen per e-mail"),
        max_length=12,
        choices=EmailDelivery.choices,
        default=EmailDelivery.IMMEDIATE,
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return f"{self.user_id}: {self.email_delivery}"
