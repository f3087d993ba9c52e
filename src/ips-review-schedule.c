/* ips-review-schedule.c
 *
 * The action plan is reviewed every four weeks. The date comes from the
 * same rule the caseload uses (ips_journey_list_due), so the form and the
 * caseload never disagree about when a review is due. The reviews' own
 * Add button records a review dated today (IpsRowsEditor:today-key).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-journey.h"
#include "ips-review-schedule.h"
#include "ips-str.h"

struct _IpsReviewSchedule
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkLabel *label;

  /* owned */
  char *group;
  char *form;
  IpsBinder *binder;
  gulong file_changed_id;

  gboolean overdue;
};

G_DEFINE_FINAL_TYPE (IpsReviewSchedule, ips_review_schedule, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  /* TRANSLATORS: a date in a printed form, as in "5 January 2026"; see g_date_time_format() */
  return g_date_time_format (time, C_("date", "%-d %B %Y"));
}

void
ips_review_schedule_update (IpsReviewSchedule *self,
                            const GDate       *today)
{
  g_autoptr(IpsJourney) journey = NULL;
  g_autoptr(GArray) due = NULL;
  g_autofree char *text = NULL;
  const IpsDue *review = NULL;
  GDate now;

  g_return_if_fail (IPS_IS_REVIEW_SCHEDULE (self));

  if (self->binder == NULL)
    return;

  now = today != NULL ? *today : ips_date_today ();
  journey = ips_journey_read (ips_binder_get_file (self->binder));
  due = ips_journey_list_due (journey, &now);
  for (guint i = 0; i < due->len; i++)
    if (g_array_index (due, IpsDue, i).kind == IPS_DUE_PLAN_REVIEW)
      review = &g_array_index (due, IpsDue, i);

  self->overdue = FALSE;
  if (ips_journey_get_stage (journey, &now) == IPS_STAGE_CLOSED)
    text = g_strdup (_("No review is due: the client’s support is closed."));
  else if (!g_date_valid (&journey->plan_date))
    text = g_strdup (_("The first review is due four weeks after the plan’s date: fill in the date above."));
  else if (review != NULL)
    {
      g_autofree char *day = format_day (&review->date);
      int days = g_date_days_between (&now, &review->date);

      if (days < 0)
        {
          self->overdue = TRUE;
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The review is overdue by %d day: it was due on %s.",
                                               "The review is overdue by %d days: it was due on %s.", -days),
                                  -days, day);
        }
      else if (days == 0)
        text = g_strdup_printf (_("The review is due today, %s."), day);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Next review: %s, in %d day.",
                                             "Next review: %s, in %d days.", days),
                                day, days);
    }
  else
    text = g_strdup (_("No review is due."));

  gtk_label_set_text (self->label, text);
  if (self->overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
}

static void
on_file_changed (IpsReviewSchedule *self,
                 const char        *form,
                 const char        *group,
                 const char        *row,
                 const char        *key)
{
  ips_review_schedule_update (self, NULL);
}

void
ips_review_schedule_bind (IpsReviewSchedule *self,
                          IpsBinder         *binder,
                          const char        *form)
{
  IpsClientFile *file;

  g_return_if_fail (IPS_IS_REVIEW_SCHEDULE (self));
  g_return_if_fail (IPS_IS_BINDER (binder));
  g_return_if_fail (self->binder == NULL);

  self->binder = g_object_ref (binder);
  self->form = g_strdup (form);
  file = ips_binder_get_file (binder);
  /* The journey form closes a client, so follow every form. */
  self->file_changed_id = g_signal_connect_swapped (file, "changed", G_CALLBACK (on_file_changed), self);
  ips_review_schedule_update (self, NULL);
}

const char *
ips_review_schedule_get_group (IpsReviewSchedule *self)
{
  g_return_val_if_fail (IPS_IS_REVIEW_SCHEDULE (self), NULL);
  return self->group;
}

void
ips_review_schedule_set_group (IpsReviewSchedule *self,
                               const char        *group)
{
  g_return_if_fail (IPS_IS_REVIEW_SCHEDULE (self));

  if (ips_set_str (&self->group, group))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

const char *
ips_review_schedule_get_text (IpsReviewSchedule *self)
{
  g_return_val_if_fail (IPS_IS_REVIEW_SCHEDULE (self), NULL);
  return gtk_label_get_text (self->label);
}

gboolean
ips_review_schedule_is_overdue (IpsReviewSchedule *self)
{
  g_return_val_if_fail (IPS_IS_REVIEW_SCHEDULE (self), FALSE);
  return self->overdue;
}

static void
ips_review_schedule_dispose (GObject *object)
{
  IpsReviewSchedule *self = (IpsReviewSchedule *)object;

  if (self->binder != NULL)
    {
      g_clear_signal_handler (&self->file_changed_id, ips_binder_get_file (self->binder));
      g_clear_object (&self->binder);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), IPS_TYPE_REVIEW_SCHEDULE);

  G_OBJECT_CLASS (ips_review_schedule_parent_class)->dispose (object);
}

static void
ips_review_schedule_finalize (GObject *object)
{
  IpsReviewSchedule *self = (IpsReviewSchedule *)object;

  g_free (self->group);
  g_free (self->form);

  G_OBJECT_CLASS (ips_review_schedule_parent_class)->finalize (object);
}

static void
ips_review_schedule_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  IpsReviewSchedule *self = IPS_REVIEW_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_review_schedule_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  IpsReviewSchedule *self = IPS_REVIEW_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_GROUP:
      ips_review_schedule_set_group (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_review_schedule_class_init (IpsReviewScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_review_schedule_dispose;
  object_class->finalize = ips_review_schedule_finalize;
  object_class->get_property = ips_review_schedule_get_property;
  object_class->set_property = ips_review_schedule_set_property;

  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ipscaseload/IpsCaseload/ui/ips-review-schedule.ui");
  gtk_widget_class_bind_template_child (widget_class, IpsReviewSchedule, box);
  gtk_widget_class_bind_template_child (widget_class, IpsReviewSchedule, label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipsreviewschedule");
}

static void
ips_review_schedule_init (IpsReviewSchedule *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
