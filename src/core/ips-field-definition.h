/* ips-field-definition.h: one question of a form, as declared in data/forms/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  IPS_FIELD_TEXT,      /* one line */
  IPS_FIELD_LONG,      /* several lines */
  IPS_FIELD_DATE,      /* YYYY-MM-DD */
  IPS_FIELD_TIME,      /* HH:MM */
  IPS_FIELD_YESNO,     /* "yes" or "no" */
  IPS_FIELD_CHOICE,    /* one option key */
  IPS_FIELD_MULTI,     /* option keys in declared order, joined by ';' */
  IPS_FIELD_NUMBER,    /* a non-negative decimal, at most two places */
  IPS_FIELD_SIGNATURE, /* strokes drawn on screen, see ips_signature_* */
  IPS_FIELD_ROWS,      /* a repeatable group of fields */
  IPS_FIELD_POINTS,    /* a list of points: rows of one text field, "text" */
} IpsFieldType;

#define IPS_TYPE_FIELD_DEFINITION (ips_field_definition_get_type ())

G_DECLARE_FINAL_TYPE (IpsFieldDefinition, ips_field_definition, IPS, FIELD_DEFINITION, GObject)

/* The one field of every row of a points list. */
#define IPS_POINT_TEXT_KEY "text"

IpsFieldDefinition *ips_field_definition_new             (const char          *key,
                                                          IpsFieldType         type);

const char         *ips_field_definition_get_key         (IpsFieldDefinition  *self);
IpsFieldType        ips_field_definition_get_field_type  (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_label       (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_help        (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_item_label  (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_when_key    (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_when_value  (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_share_key   (IpsFieldDefinition  *self);
/* A signature's companion fields: the date it was signed and the version of
 * the form it signs (both may be NULL); see ips-signature.h. */
const char         *ips_field_definition_get_date_key    (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_version_key (IpsFieldDefinition  *self);
IpsFieldDefinition *ips_field_definition_get_group       (IpsFieldDefinition  *self);
gboolean            ips_field_definition_is_group        (IpsFieldDefinition  *self);

guint               ips_field_definition_get_n_options   (IpsFieldDefinition  *self);
const char         *ips_field_definition_get_option_key  (IpsFieldDefinition  *self,
                                                          guint                position);
const char         *ips_field_definition_get_option_label (IpsFieldDefinition *self,
                                                          guint                position);
const char         *ips_field_definition_lookup_option_label (IpsFieldDefinition *self,
                                                          const char          *option_key);

/* The fields of every row of a group (ROWS or POINTS), in declared order. */
GPtrArray          *ips_field_definition_get_fields      (IpsFieldDefinition  *self);
IpsFieldDefinition *ips_field_definition_lookup_field    (IpsFieldDefinition  *self,
                                                          const char          *key);

gboolean            ips_field_definition_validate        (IpsFieldDefinition  *self,
                                                          const char          *value,
                                                          char               **canonical,
                                                          GError             **error);

GStrv               ips_field_definition_split_multi     (const char          *value);

const char         *ips_field_type_to_string             (IpsFieldType         type);
gboolean            ips_field_type_from_string           (const char          *name,
                                                          IpsFieldType        *type);

/* For the loader (ips-form-definition.c) only. */
void                ips_field_definition_set_texts       (IpsFieldDefinition  *self,
                                                          const char          *label,
                                                          const char          *help,
                                                          const char          *item_label);
void                ips_field_definition_set_when        (IpsFieldDefinition  *self,
                                                          const char          *when_key,
                                                          const char          *when_value);
void                ips_field_definition_set_share_key   (IpsFieldDefinition  *self,
                                                          const char          *share_key);
void                ips_field_definition_set_signature_keys (IpsFieldDefinition *self,
                                                          const char          *date_key,
                                                          const char          *version_key);
void                ips_field_definition_add_option      (IpsFieldDefinition  *self,
                                                          const char          *key,
                                                          const char          *label);
void                ips_field_definition_add_field       (IpsFieldDefinition  *self,
                                                          IpsFieldDefinition  *field);

G_END_DECLS
