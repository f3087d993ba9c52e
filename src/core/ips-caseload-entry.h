/* ips-caseload-entry.h: one client file in the caseload list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ips-journey.h"

G_BEGIN_DECLS

#define IPS_TYPE_CASELOAD_ENTRY (ips_caseload_entry_get_type ())

G_DECLARE_FINAL_TYPE (IpsCaseloadEntry, ips_caseload_entry, IPS, CASELOAD_ENTRY, GObject)

/* A client file read well enough to know its journey. */
IpsCaseloadEntry *ips_caseload_entry_new           (const char       *path,
                                                    const char       *name,
                                                    IpsJourney       *journey,
                                                    const GDate      *today);
/* A file that could not be read: listed, with the reason, rather than
 * dropped. @name may be known (a file from a newer version). */
IpsCaseloadEntry *ips_caseload_entry_new_error     (const char       *path,
                                                    const char       *name,
                                                    const char       *message);

const char       *ips_caseload_entry_get_path      (IpsCaseloadEntry *self);
/* The client's name from the referral form; NULL when not recorded. */
const char       *ips_caseload_entry_get_name      (IpsCaseloadEntry *self);
/* Meaningful only when there is no error (then it is IPS_STAGE_REFERRED). */
IpsStage          ips_caseload_entry_get_stage     (IpsCaseloadEntry *self);
/* What is due next, translated ("Action plan review"); NULL if nothing. */
const char       *ips_caseload_entry_get_next_due  (IpsCaseloadEntry *self);
/* Its date, YYYY-MM-DD; NULL if nothing is due. */
const char       *ips_caseload_entry_get_due_date  (IpsCaseloadEntry *self);
IpsDueKind        ips_caseload_entry_get_due_kind  (IpsCaseloadEntry *self);
/* Days past the due date; 0 when not overdue (or due today). */
int               ips_caseload_entry_get_days_overdue (IpsCaseloadEntry *self);
/* Why the file could not be read, for the list; NULL when it was read. */
const char       *ips_caseload_entry_get_error     (IpsCaseloadEntry *self);
/* Not closed. Files that could not be read count as active: they need a look. */
gboolean          ips_caseload_entry_get_active    (IpsCaseloadEntry *self);
/* NULL for an entry with an error. */
IpsJourney       *ips_caseload_entry_get_journey   (IpsCaseloadEntry *self);

/* Works out the stage and what is due again for another day (a window left
 * open past midnight), notifying the properties that change. */
void              ips_caseload_entry_set_today     (IpsCaseloadEntry *self,
                                                    const GDate      *today);

/* Order for the list: by name (collated), unnamed files last by file name. */
int               ips_caseload_entry_compare       (IpsCaseloadEntry *a,
                                                    IpsCaseloadEntry *b);

G_END_DECLS
