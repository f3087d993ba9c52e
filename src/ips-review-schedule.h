/* ips-review-schedule.h: when the action plan is next reviewed, and a way to record a review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"

G_BEGIN_DECLS

#define IPS_TYPE_REVIEW_SCHEDULE (ips_review_schedule_get_type ())

G_DECLARE_FINAL_TYPE (IpsReviewSchedule, ips_review_schedule, IPS, REVIEW_SCHEDULE, GtkWidget)

/* Placed in the form's .ui beside the group of reviews it names; the
 * rule comes from ips_journey_list_due(). */
const char *ips_review_schedule_get_group  (IpsReviewSchedule *self);
void        ips_review_schedule_set_group  (IpsReviewSchedule *self,
                                            const char        *group);
void        ips_review_schedule_bind       (IpsReviewSchedule *self,
                                            IpsBinder         *binder,
                                            const char        *form);
/* Recomputes against @today (tests pass a fixed day; NULL: today). */
void        ips_review_schedule_update     (IpsReviewSchedule *self,
                                            const GDate       *today);
const char *ips_review_schedule_get_text   (IpsReviewSchedule *self);
gboolean    ips_review_schedule_is_overdue (IpsReviewSchedule *self);

G_END_DECLS
