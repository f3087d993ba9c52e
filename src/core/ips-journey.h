/* ips-journey.h: the dates of a client's IPS journey, their stage and what is due next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ips-client-file.h"

G_BEGIN_DECLS

typedef enum
{
  IPS_STAGE_REFERRED,
  IPS_STAGE_ASSESSMENT,
  IPS_STAGE_JOB_SEARCH,
  IPS_STAGE_IN_WORK,
  IPS_STAGE_CLOSED,
} IpsStage;

#define IPS_TYPE_STAGE (ips_stage_get_type ())
GType       ips_stage_get_type  (void) G_GNUC_CONST;
/* "Referred", "Assessment", …: translated, for a list column. */
const char *ips_stage_get_label (IpsStage stage);

/* The rules, in the order that breaks a tie between equal due dates. */
typedef enum
{
  IPS_DUE_NONE,
  IPS_DUE_FIRST_EMPLOYER_CONTACT,   /* day 30 after acceptance */
  IPS_DUE_PLAN_REVIEW,              /* 28 days after the plan or its last review */
  IPS_DUE_IN_WORK_START,            /* 3 days after a job start */
  IPS_DUE_IN_WORK_WEEKLY,           /* 7 days after the last, in the first 4 weeks */
  IPS_DUE_IN_WORK_MONTHLY,          /* 28 days after the last, after that */
  IPS_DUE_JOB_ENDED,                /* 3 days after a job ends */
  IPS_DUE_KEEP_IN_TOUCH,            /* 28 days after the last contact of any kind */
} IpsDueKind;

#define IPS_TYPE_DUE_KIND (ips_due_kind_get_type ())
GType       ips_due_kind_get_type  (void) G_GNUC_CONST;
/* "First face-to-face employer contact", …: translated. */
const char *ips_due_kind_get_label (IpsDueKind kind);

typedef struct
{
  IpsDueKind kind;
  GDate date;
} IpsDue;

typedef struct
{
  GDate date;
  gboolean face_to_face;
} IpsEmployerContact;

typedef struct
{
  GDate start;          /* invalid (cleared) when not recorded */
  GDate end;
  char *job_type;       /* trimmed, NULL when empty */
  char *employer;
  char *permanence;     /* "permanent", "temporary" or NULL */
  char *competitive;    /* "yes", "no" or NULL */
} IpsJob;

/* What the rules and figures read from a client file: dates, and the few
 * job details the figures count. An unset date is a cleared GDate. Shared
 * between threads once built, so it is reference counted and never changed
 * after it is handed on. */
typedef struct
{
  GDate referral_received;
  GDate referral_accepted;
  GDate first_contact;
  GDate profile_completed;
  GDate plan_date;
  GDate closure_date;
  char *employment_status;      /* "out-of-work", … or NULL */
  GArray *employer_contacts;    /* IpsEmployerContact */
  GArray *plan_reviews;         /* GDate */
  GArray *in_work_contacts;     /* GDate */
  GPtrArray *jobs;              /* IpsJob */
  GArray *in_work_face_to_face; /* gboolean, one per in_work_contacts item */
} IpsJourney;

#define IPS_TYPE_JOURNEY (ips_journey_get_type ())
GType       ips_journey_get_type (void) G_GNUC_CONST;

IpsJourney *ips_journey_new      (void);
IpsJourney *ips_journey_ref      (IpsJourney       *journey);
void        ips_journey_unref    (IpsJourney       *journey);

/* Builders, for the reader and for tests; @date may be NULL or invalid. */
void        ips_journey_add_employer_contact (IpsJourney  *journey,
                                              const GDate *date,
                                              gboolean     face_to_face);
void        ips_journey_add_plan_review      (IpsJourney  *journey,
                                              const GDate *date);
void        ips_journey_add_in_work_contact  (IpsJourney  *journey,
                                              const GDate *date);
void        ips_journey_add_in_work_contact_full (IpsJourney  *journey,
                                                  const GDate *date,
                                                  gboolean     face_to_face);
/* Returns the new job, owned by @journey, to fill in its details. */
IpsJob     *ips_journey_add_job              (IpsJourney  *journey,
                                              const GDate *start,
                                              const GDate *end);

/* Reads the journey and action plan forms of an open client file. */
IpsJourney *ips_journey_read     (IpsClientFile    *file);

/* Acceptance, or the referral date when acceptance is not recorded; the
 * day the 30-day job search clock starts. May return an invalid date. */
GDate       ips_journey_get_entry_date (const IpsJourney *journey);
/* The earliest face-to-face employer contact on or before @today. */
GDate       ips_journey_get_first_face_to_face (const IpsJourney *journey,
                                                const GDate      *today);
/* The latest contact of any kind on or before @today. */
GDate       ips_journey_get_last_contact (const IpsJourney *journey,
                                          const GDate      *today);

/* The rules. @today is passed in: they never read the clock. Records dated
 * after @today are plans, not contacts, and do not count as done. */
IpsStage    ips_journey_get_stage    (const IpsJourney *journey,
                                      const GDate      *today);
/* Every due item, one per rule (and per job), in no order. Nothing is due
 * for a closed client. */
GArray     *ips_journey_list_due     (const IpsJourney *journey,
                                      const GDate      *today);
/* The earliest due item; FALSE when nothing is due. */
gboolean    ips_journey_get_next_due (const IpsJourney *journey,
                                      const GDate      *today,
                                      IpsDue           *due);

/* Dates in canonical form, YYYY-MM-DD. Invalid input gives an invalid date. */
GDate       ips_date_parse           (const char       *text);
char       *ips_date_format          (const GDate      *date);
/* Today in the local time zone: for callers of the rules, not the rules. */
GDate       ips_date_today           (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsJourney, ips_journey_unref)

G_END_DECLS
