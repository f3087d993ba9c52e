/* ips-field-definition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ips-error.h"
#include "ips-field-definition.h"

#define MAX_TEXT_CHARS 1000
#define MAX_LONG_CHARS 100000

typedef struct
{
  char *key;
  char *label;
} Option;

struct _IpsFieldDefinition
{
  GObject parent_instance;

  char *key;
  IpsFieldType type;
  char *label;
  char *help;
  char *item_label;
  char *when_key;
  char *when_value;
  char *share_key;
  char *date_key;             /* a signature's companions, see ips-signature.h */
  char *version_key;
  GArray *options;            /* of Option */
  GPtrArray *fields;          /* of IpsFieldDefinition, for groups */
  IpsFieldDefinition *group;  /* weak: the group this field belongs to */
};

G_DEFINE_FINAL_TYPE (IpsFieldDefinition, ips_field_definition, G_TYPE_OBJECT)

static const char * const type_names[] = {
  [IPS_FIELD_TEXT] = "text",
  [IPS_FIELD_LONG] = "long",
  [IPS_FIELD_DATE] = "date",
  [IPS_FIELD_TIME] = "time",
  [IPS_FIELD_YESNO] = "yesno",
  [IPS_FIELD_CHOICE] = "choice",
  [IPS_FIELD_MULTI] = "multi",
  [IPS_FIELD_NUMBER] = "number",
  [IPS_FIELD_SIGNATURE] = "signature",
  [IPS_FIELD_ROWS] = "rows",
  [IPS_FIELD_POINTS] = "points",
};

static void
option_clear (gpointer data)
{
  Option *option = data;

  g_free (option->key);
  g_free (option->label);
}

static void
ips_field_definition_finalize (GObject *object)
{
  IpsFieldDefinition *self = (IpsFieldDefinition *)object;

  g_free (self->key);
  g_free (self->label);
  g_free (self->help);
  g_free (self->item_label);
  g_free (self->when_key);
  g_free (self->when_value);
  g_free (self->share_key);
  g_free (self->date_key);
  g_free (self->version_key);
  g_array_unref (self->options);
  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (ips_field_definition_parent_class)->finalize (object);
}

static void
ips_field_definition_class_init (IpsFieldDefinitionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_field_definition_finalize;
}

static void
ips_field_definition_init (IpsFieldDefinition *self)
{
  self->options = g_array_new (FALSE, TRUE, sizeof (Option));
  g_array_set_clear_func (self->options, option_clear);
  self->fields = g_ptr_array_new_with_free_func (g_object_unref);
}

IpsFieldDefinition *
ips_field_definition_new (const char   *key,
                          IpsFieldType  type)
{
  IpsFieldDefinition *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (IPS_TYPE_FIELD_DEFINITION, NULL);
  self->key = g_strdup (key);
  self->type = type;

  if (type == IPS_FIELD_POINTS)
    ips_field_definition_add_field (self, ips_field_definition_new (IPS_POINT_TEXT_KEY, IPS_FIELD_LONG));

  return self;
}

const char *
ips_field_definition_get_key (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->key;
}

IpsFieldType
ips_field_definition_get_field_type (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), IPS_FIELD_TEXT);
  return self->type;
}

const char *
ips_field_definition_get_label (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->label ? self->label : self->key;
}

const char *
ips_field_definition_get_help (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->help;
}

const char *
ips_field_definition_get_item_label (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->item_label;
}

const char *
ips_field_definition_get_when_key (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->when_key;
}

const char *
ips_field_definition_get_when_value (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->when_value;
}

const char *
ips_field_definition_get_share_key (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->share_key;
}

const char *
ips_field_definition_get_date_key (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->date_key;
}

const char *
ips_field_definition_get_version_key (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->version_key;
}

IpsFieldDefinition *
ips_field_definition_get_group (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->group;
}

gboolean
ips_field_definition_is_group (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), FALSE);
  return self->type == IPS_FIELD_ROWS || self->type == IPS_FIELD_POINTS;
}

guint
ips_field_definition_get_n_options (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), 0);
  return self->options->len;
}

const char *
ips_field_definition_get_option_key (IpsFieldDefinition *self,
                                     guint               position)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  g_return_val_if_fail (position < self->options->len, NULL);
  return g_array_index (self->options, Option, position).key;
}

const char *
ips_field_definition_get_option_label (IpsFieldDefinition *self,
                                       guint               position)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  g_return_val_if_fail (position < self->options->len, NULL);
  return g_array_index (self->options, Option, position).label;
}

static int
find_option (IpsFieldDefinition *self,
             const char         *option_key)
{
  for (guint i = 0; i < self->options->len; i++)
    if (g_strcmp0 (g_array_index (self->options, Option, i).key, option_key) == 0)
      return (int)i;
  return -1;
}

const char *
ips_field_definition_lookup_option_label (IpsFieldDefinition *self,
                                          const char         *option_key)
{
  int i;

  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);

  if (self->type == IPS_FIELD_YESNO)
    {
      if (g_strcmp0 (option_key, "yes") == 0)
        return _("Yes");
      if (g_strcmp0 (option_key, "no") == 0)
        return _("No");
      return NULL;
    }

  i = find_option (self, option_key);
  return i < 0 ? NULL : g_array_index (self->options, Option, i).label;
}

GPtrArray *
ips_field_definition_get_fields (IpsFieldDefinition *self)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);
  return self->fields;
}

IpsFieldDefinition *
ips_field_definition_lookup_field (IpsFieldDefinition *self,
                                   const char         *key)
{
  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->key, key) == 0)
        return field;
    }
  return NULL;
}

static gboolean
has_control_chars (const char *value,
                   gboolean    allow_newline)
{
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar)*p;

      if (c == '\t' || (allow_newline && c == '\n'))
        continue;
      if (c < 0x20 || c == 0x7f)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_digits (const char *s,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_date (const char *value)
{
  g_autoptr(GDate) date = NULL;
  guint year, month, day;

  if (strlen (value) != 10 || value[4] != '-' || value[7] != '-' ||
      !is_digits (value, 4) || !is_digits (value + 5, 2) || !is_digits (value + 8, 2))
    return FALSE;

  year = (guint)g_ascii_strtoull (value, NULL, 10);
  month = (guint)g_ascii_strtoull (value + 5, NULL, 10);
  day = (guint)g_ascii_strtoull (value + 8, NULL, 10);

  return year >= 1 && g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year);
}

static gboolean
validate_time (const char *value)
{
  if (strlen (value) != 5 || value[2] != ':' || !is_digits (value, 2) || !is_digits (value + 3, 2))
    return FALSE;

  return g_ascii_strtoull (value, NULL, 10) < 24 && g_ascii_strtoull (value + 3, NULL, 10) < 60;
}

static gboolean
validate_number (const char *value)
{
  const char *dot = strchr (value, '.');
  gsize whole = dot ? (gsize)(dot - value) : strlen (value);

  if (whole < 1 || whole > 7 || !is_digits (value, whole))
    return FALSE;
  if (dot == NULL)
    return TRUE;

  return strlen (dot + 1) >= 1 && strlen (dot + 1) <= 2 && is_digits (dot + 1, strlen (dot + 1));
}

GStrv
ips_field_definition_split_multi (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (value != NULL && *value != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (value, ";", -1);

      for (guint i = 0; parts[i]; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static char *
canonical_multi (IpsFieldDefinition *self,
                 const char         *value,
                 GError            **error)
{
  g_auto(GStrv) parts = ips_field_definition_split_multi (value);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    if (find_option (self, parts[i]) < 0)
      {
        g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                     _("“%s” is not one of the choices for “%s”"),
                     parts[i], ips_field_definition_get_label (self));
        return NULL;
      }

  /* Declared order, each once: the same answer is always stored the same way. */
  for (guint i = 0; i < self->options->len; i++)
    {
      const char *key = g_array_index (self->options, Option, i).key;

      if (g_strv_contains ((const char * const *)parts, key))
        {
          if (out->len > 0)
            g_string_append_c (out, ';');
          g_string_append (out, key);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
ips_field_definition_validate (IpsFieldDefinition  *self,
                               const char          *value,
                               char               **canonical,
                               GError             **error)
{
  g_autofree char *result = NULL;
  const char *label;

  g_return_val_if_fail (IPS_IS_FIELD_DEFINITION (self), FALSE);

  label = ips_field_definition_get_label (self);

  if (ips_field_definition_is_group (self))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                   _("“%s” is a list and holds rows, not a value"), label);
      return FALSE;
    }

  if (value == NULL || *value == '\0')
    {
      if (canonical)
        *canonical = g_strdup ("");
      return TRUE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                   _("The answer to “%s” is not valid text"), label);
      return FALSE;
    }

  switch (self->type)
    {
    case IPS_FIELD_TEXT:
      if (has_control_chars (value, FALSE) || g_utf8_strlen (value, -1) > MAX_TEXT_CHARS)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("The answer to “%s” must be one line of at most %d characters"),
                       label, MAX_TEXT_CHARS);
          return FALSE;
        }
      result = g_strdup (value);
      break;

    case IPS_FIELD_LONG:
    case IPS_FIELD_SIGNATURE:
      {
        g_autoptr(GString) text = g_string_new (value);

        g_string_replace (text, "\r\n", "\n", 0);
        g_string_replace (text, "\r", "\n", 0);
        if (has_control_chars (text->str, TRUE) || g_utf8_strlen (text->str, -1) > MAX_LONG_CHARS)
          {
            g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                         _("The answer to “%s” holds characters that are not text, or is too long"),
                         label);
            return FALSE;
          }
        result = g_string_free (g_steal_pointer (&text), FALSE);
      }
      break;

    case IPS_FIELD_DATE:
      if (!validate_date (value))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("“%s” is not a date for “%s” (expected YYYY-MM-DD)"), value, label);
          return FALSE;
        }
      result = g_strdup (value);
      break;

    case IPS_FIELD_TIME:
      if (!validate_time (value))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("“%s” is not a time for “%s” (expected HH:MM)"), value, label);
          return FALSE;
        }
      result = g_strdup (value);
      break;

    case IPS_FIELD_YESNO:
      if (g_strcmp0 (value, "yes") != 0 && g_strcmp0 (value, "no") != 0)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("The answer to “%s” must be yes or no"), label);
          return FALSE;
        }
      result = g_strdup (value);
      break;

    case IPS_FIELD_CHOICE:
      if (find_option (self, value) < 0)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("“%s” is not one of the choices for “%s”"), value, label);
          return FALSE;
        }
      result = g_strdup (value);
      break;

    case IPS_FIELD_MULTI:
      result = canonical_multi (self, value, error);
      if (result == NULL)
        return FALSE;
      break;

    case IPS_FIELD_NUMBER:
      if (!validate_number (value))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                       _("“%s” is not a number for “%s”"), value, label);
          return FALSE;
        }
      result = g_strdup (value);
      break;

    case IPS_FIELD_ROWS:
    case IPS_FIELD_POINTS:
    default:
      g_assert_not_reached ();
    }

  if (canonical)
    *canonical = g_steal_pointer (&result);
  return TRUE;
}

const char *
ips_field_type_to_string (IpsFieldType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (type_names), NULL);
  return type_names[type];
}

gboolean
ips_field_type_from_string (const char   *name,
                            IpsFieldType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (type_names[i], name) == 0)
      {
        *type = (IpsFieldType)i;
        return TRUE;
      }
  return FALSE;
}

void
ips_field_definition_set_texts (IpsFieldDefinition *self,
                                const char         *label,
                                const char         *help,
                                const char         *item_label)
{
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (self));

  g_free (self->label);
  self->label = g_strdup (label);
  g_free (self->help);
  self->help = g_strdup (help);
  g_free (self->item_label);
  self->item_label = g_strdup (item_label);
}

void
ips_field_definition_set_when (IpsFieldDefinition *self,
                               const char         *when_key,
                               const char         *when_value)
{
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (self));

  g_free (self->when_key);
  self->when_key = g_strdup (when_key);
  g_free (self->when_value);
  self->when_value = g_strdup (when_value);
}

void
ips_field_definition_set_share_key (IpsFieldDefinition *self,
                                    const char         *share_key)
{
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (self));

  g_free (self->share_key);
  self->share_key = g_strdup (share_key);
}

void
ips_field_definition_add_option (IpsFieldDefinition *self,
                                 const char         *key,
                                 const char         *label)
{
  Option option;

  g_return_if_fail (IPS_IS_FIELD_DEFINITION (self));

  option.key = g_strdup (key);
  option.label = g_strdup (label);
  g_array_append_val (self->options, option);
}

/* Takes ownership of @field. */
void
ips_field_definition_add_field (IpsFieldDefinition *self,
                                IpsFieldDefinition *field)
{
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (self));
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (field));

  field->group = self;
  g_ptr_array_add (self->fields, field);
}

void
ips_field_definition_set_signature_keys (IpsFieldDefinition *self,
                                         const char         *date_key,
                                         const char         *version_key)
{
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (self));

  g_free (self->date_key);
  self->date_key = g_strdup (date_key);
  g_free (self->version_key);
  self->version_key = g_strdup (version_key);
}
