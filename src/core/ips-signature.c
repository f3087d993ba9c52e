/* ips-signature.c
 *
 * The strokes are SVG path data, so the ODT can embed them as a picture as
 * they are. The version a signature signs is a digest of the form's other
 * answers rather than a history id: it survives the XML export and import,
 * and an edit that is undone gives the signature back its validity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ips-error.h"
#include "ips-journey.h"
#include "ips-signature.h"

/* Path data */

static gboolean
read_numbers (const char **p,
              double      *numbers,
              guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      char *after;

      while (g_ascii_isspace (**p) || **p == ',')
        (*p)++;
      if (!(g_ascii_isdigit (**p) || **p == '-' || **p == '+' || **p == '.'))
        return FALSE;
      numbers[i] = g_ascii_strtod (*p, &after);
      if (after == *p || !isfinite (numbers[i]))
        return FALSE;
      *p = after;
    }
  return TRUE;
}

static void
append_number (GString *d,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.6g", value);
  if (d->len > 0)
    g_string_append_c (d, ' ');
  g_string_append (d, buffer);
}

static void
bounds_add (IpsSignatureBounds *b,
            double  x,
            double  y)
{
  if (!b->any)
    {
      b->x0 = b->x1 = x;
      b->y0 = b->y1 = y;
      b->any = TRUE;
      return;
    }
  b->x0 = MIN (b->x0, x);
  b->x1 = MAX (b->x1, x);
  b->y0 = MIN (b->y0, y);
  b->y1 = MAX (b->y1, y);
}

/* Only what is understood is written again, so nothing but a path reaches
 * a picture made from it. */
char *
ips_signature_normalize_path (const char         *data,
                              IpsSignatureBounds *bounds)
{
  g_autoptr(GString) d = g_string_new (NULL);
  const char *p = data;
  char command = 0;
  double cx = 0, cy = 0, sx = 0, sy = 0;

  g_return_val_if_fail (bounds != NULL, NULL);

  *bounds = (IpsSignatureBounds) { 0, };
  if (data == NULL)
    return NULL;

  while (TRUE)
    {
      double n[7];
      gboolean relative;
      double ox, oy;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;

      if (g_ascii_isalpha (*p))
        {
          if (strchr ("MmLlHhVvCcSsQqTtAaZz", *p) == NULL)
            return NULL;
          command = *p++;
          if (command == 'Z' || command == 'z')
            {
              g_string_append (d, d->len ? " Z" : "Z");
              cx = sx;
              cy = sy;
            }
          continue;
        }
      if (command == 0 || command == 'Z' || command == 'z')
        return NULL;

      relative = g_ascii_islower (command);
      ox = relative ? cx : 0;
      oy = relative ? cy : 0;

      switch (g_ascii_toupper (command))
        {
        case 'M':
        case 'L':
        case 'T':
          if (!read_numbers (&p, n, 2))
            return NULL;
          cx = n[0] + ox;
          cy = n[1] + oy;
          g_string_append_printf (d, d->len ? " %c" : "%c", g_ascii_toupper (command));
          append_number (d, cx);
          append_number (d, cy);
          bounds_add (bounds, cx, cy);
          if (g_ascii_toupper (command) == 'M')
            {
              sx = cx;
              sy = cy;
              command = relative ? 'l' : 'L';   /* further pairs are lines */
            }
          break;

        case 'H':
        case 'V':
          if (!read_numbers (&p, n, 1))
            return NULL;
          if (g_ascii_toupper (command) == 'H')
            cx = n[0] + ox;
          else
            cy = n[0] + oy;
          g_string_append (d, d->len ? " L" : "L");
          append_number (d, cx);
          append_number (d, cy);
          bounds_add (bounds, cx, cy);
          break;

        case 'C':
        case 'S':
        case 'Q':
          {
            guint pairs = g_ascii_toupper (command) == 'C' ? 3 : 2;

            if (!read_numbers (&p, n, pairs * 2))
              return NULL;
            g_string_append_printf (d, d->len ? " %c" : "%c", g_ascii_toupper (command));
            for (guint i = 0; i < pairs; i++)
              {
                append_number (d, n[2 * i] + ox);
                append_number (d, n[2 * i + 1] + oy);
                bounds_add (bounds, n[2 * i] + ox, n[2 * i + 1] + oy);
              }
            cx = n[2 * pairs - 2] + ox;
            cy = n[2 * pairs - 1] + oy;
          }
          break;

        case 'A':
          if (!read_numbers (&p, n, 7))
            return NULL;
          g_string_append (d, d->len ? " A" : "A");
          append_number (d, fabs (n[0]));
          append_number (d, fabs (n[1]));
          append_number (d, n[2]);
          append_number (d, n[3] != 0 ? 1 : 0);
          append_number (d, n[4] != 0 ? 1 : 0);
          cx = n[5] + ox;
          cy = n[6] + oy;
          append_number (d, cx);
          append_number (d, cy);
          bounds_add (bounds, cx, cy);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (!bounds->any)
    return NULL;
  return g_string_free (g_steal_pointer (&d), FALSE);
}


static void
append_point (GArray *stroke,
              double  x,
              double  y)
{
  IpsSignaturePoint point = { x, y };

  g_array_append_val (stroke, point);
}

GPtrArray *
ips_signature_parse_strokes (const char *data)
{
  g_autoptr(GPtrArray) strokes = NULL;
  g_autofree char *normal = NULL;
  g_auto(GStrv) tokens = NULL;
  IpsSignatureBounds bounds;
  GArray *stroke = NULL;
  IpsSignaturePoint start = { 0, 0 };

  normal = ips_signature_normalize_path (data, &bounds);
  if (normal == NULL)
    return NULL;

  strokes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  tokens = g_strsplit (normal, " ", -1);
  for (guint i = 0; tokens[i] != NULL; )
    {
      char command = tokens[i++][0];
      guint n = 0;
      double v[7];

      switch (command)
        {
        case 'M': case 'L': case 'T': n = 2; break;
        case 'S': case 'Q': n = 4; break;
        case 'C': n = 6; break;
        case 'A': n = 7; break;
        case 'Z': n = 0; break;
        default: g_assert_not_reached ();
        }
      for (guint k = 0; k < n; k++)
        {
          g_assert (tokens[i] != NULL);
          v[k] = g_ascii_strtod (tokens[i++], NULL);
        }

      if (command == 'M' || stroke == NULL)
        {
          stroke = g_array_new (FALSE, FALSE, sizeof (IpsSignaturePoint));
          g_ptr_array_add (strokes, stroke);
          if (command == 'M')
            {
              start = (IpsSignaturePoint) { v[0], v[1] };
              append_point (stroke, v[0], v[1]);
              continue;
            }
          append_point (stroke, start.x, start.y);
        }

      if (command == 'Z')
        append_point (stroke, start.x, start.y);
      else if (command == 'A')
        append_point (stroke, v[5], v[6]);
      else
        for (guint k = 0; k < n; k += 2)
          append_point (stroke, v[k], v[k + 1]);
    }

  return g_steal_pointer (&strokes);
}

/* A tenth of a unit is finer than any pointer: keep the data short. */
static void
append_tenths (GString *d,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  if (g_str_has_suffix (buffer, ".0"))
    buffer[strlen (buffer) - 2] = '\0';
  if (strcmp (buffer, "-0") == 0)
    strcpy (buffer, "0");
  g_string_append_c (d, ' ');
  g_string_append (d, buffer);
}

char *
ips_signature_strokes_to_path (GPtrArray *strokes)
{
  g_autoptr(GString) d = g_string_new (NULL);

  g_return_val_if_fail (strokes != NULL, NULL);

  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          IpsSignaturePoint *p = &g_array_index (stroke, IpsSignaturePoint, j);

          if (d->len > 0)
            g_string_append_c (d, ' ');
          g_string_append_c (d, j == 0 ? 'M' : 'L');
          append_tenths (d, p->x);
          append_tenths (d, p->y);
        }
      /* A dot is a stroke of one point: draw it as a tiny line. */
      if (stroke->len == 1)
        {
          IpsSignaturePoint *p = &g_array_index (stroke, IpsSignaturePoint, 0);

          g_string_append (d, " L");
          append_tenths (d, p->x + 0.5);
          append_tenths (d, p->y);
        }
    }
  return g_string_free (g_steal_pointer (&d), FALSE);
}

/* Signing */

IpsFieldDefinition *
ips_signature_lookup_owner (IpsFormDefinition *form,
                            const char        *key)
{
  GPtrArray *fields;

  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (form), NULL);

  fields = ips_form_definition_get_all_fields (form);
  for (guint i = 0; i < fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (fields, i);

      if (ips_field_definition_get_field_type (field) == IPS_FIELD_SIGNATURE &&
          key != NULL &&
          (g_strcmp0 (ips_field_definition_get_date_key (field), key) == 0 ||
           g_strcmp0 (ips_field_definition_get_version_key (field), key) == 0))
        return field;
    }
  return NULL;
}

static void
digest_value (GChecksum  *checksum,
              const char *name,
              const char *value)
{
  g_autofree char *line = NULL;

  /* Empty answers are left out, so a field added to the form in a later
   * version leaves the signatures made before it as they were. */
  if (value == NULL || *value == '\0')
    return;
  line = g_strdup_printf ("%s %zu:%s\n", name, strlen (value), value);
  g_checksum_update (checksum, (const guchar *)line, -1);
}

static IpsFormDefinition *
lookup_form (IpsClientFile *file,
             const char    *form)
{
  return ips_form_catalog_lookup (ips_client_file_get_catalog (file), form);
}

char *
ips_signature_dup_version (IpsClientFile *file,
                           const char    *form,
                           const char    *key)
{
  g_autoptr(GChecksum) checksum = NULL;
  IpsFormDefinition *definition;
  IpsFormSection *own;
  GPtrArray *sections;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);

  definition = lookup_form (file, form);
  g_return_val_if_fail (definition != NULL, NULL);
  own = ips_form_definition_lookup_section_of (definition, key);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);

  sections = ips_form_definition_get_sections (definition);
  for (guint s = 0; s < sections->len; s++)
    {
      IpsFormSection *section = g_ptr_array_index (sections, s);
      GPtrArray *fields = ips_form_section_get_fields (section);

      if (section == own)
        continue;
      for (guint i = 0; i < fields->len; i++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, i);
          const char *field_key = ips_field_definition_get_key (field);

          if (ips_field_definition_is_group (field))
            {
              g_auto(GStrv) rows = ips_client_file_list_rows (file, form, field_key);
              GPtrArray *members = ips_field_definition_get_fields (field);

              for (guint r = 0; rows != NULL && rows[r] != NULL; r++)
                for (guint m = 0; m < members->len; m++)
                  {
                    const char *member = ips_field_definition_get_key (g_ptr_array_index (members, m));
                    g_autofree char *name = g_strdup_printf ("%s/%u/%s", field_key, r, member);
                    g_autofree char *value = ips_client_file_get_row_value (file, rows[r], member);

                    digest_value (checksum, name, value);
                  }
            }
          else
            {
              g_autofree char *value = ips_client_file_get_value (file, form, field_key);

              digest_value (checksum, field_key, value);
            }
        }
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static IpsFieldDefinition *
lookup_signature (IpsClientFile  *file,
                  const char     *form,
                  const char     *key,
                  GError        **error)
{
  IpsFormDefinition *definition = lookup_form (file, form);
  IpsFieldDefinition *field = definition ? ips_form_definition_lookup_field (definition, key) : NULL;

  if (field == NULL || ips_field_definition_get_field_type (field) != IPS_FIELD_SIGNATURE)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD,
                   _("The form “%s” has no signature “%s”"), form, key);
      return NULL;
    }
  return field;
}

IpsSignatureState
ips_signature_get_state (IpsClientFile *file,
                         const char    *form,
                         const char    *key,
                         GDate         *signed_on)
{
  g_autofree char *strokes = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *current = NULL;
  IpsFieldDefinition *field;
  const char *date_key;
  const char *version_key;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), IPS_SIGNATURE_UNSIGNED);

  if (signed_on != NULL)
    g_date_clear (signed_on, 1);
  field = lookup_signature (file, form, key, NULL);
  g_return_val_if_fail (field != NULL, IPS_SIGNATURE_UNSIGNED);

  strokes = ips_client_file_get_value (file, form, key);
  if (strokes == NULL || *strokes == '\0')
    return IPS_SIGNATURE_UNSIGNED;

  date_key = ips_field_definition_get_date_key (field);
  if (date_key != NULL && signed_on != NULL)
    {
      g_autofree char *date = ips_client_file_get_value (file, form, date_key);
      *signed_on = ips_date_parse (date);
    }

  /* A form that keeps no version cannot tell: the signature stands. */
  version_key = ips_field_definition_get_version_key (field);
  if (version_key == NULL)
    return IPS_SIGNATURE_SIGNED;
  stored = ips_client_file_get_value (file, form, version_key);
  current = ips_signature_dup_version (file, form, key);
  return g_strcmp0 (stored, current) == 0 ? IPS_SIGNATURE_SIGNED : IPS_SIGNATURE_EARLIER_VERSION;
}

static gboolean
set_if_changed (IpsClientFile  *file,
                const char     *form,
                const char     *key,
                const char     *value,
                GError        **error)
{
  g_autofree char *old = ips_client_file_get_value (file, form, key);

  if (g_strcmp0 (old ? old : "", value ? value : "") == 0)
    return TRUE;
  return ips_client_file_set_value (file, form, key, value, error);
}

gboolean
ips_signature_sign (IpsClientFile  *file,
                    const char     *form,
                    const char     *key,
                    const char     *path_data,
                    const GDate    *date,
                    GError        **error)
{
  g_autofree char *normal = NULL;
  g_autofree char *version = NULL;
  g_autofree char *day = NULL;
  IpsSignatureBounds bounds;
  IpsFieldDefinition *field;
  const char *date_key;
  const char *version_key;
  gboolean ok;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  field = lookup_signature (file, form, key, error);
  if (field == NULL)
    return FALSE;
  normal = ips_signature_normalize_path (path_data, &bounds);
  if (normal == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                   _("There is no signature to keep: draw it in the box first"));
      return FALSE;
    }

  date_key = ips_field_definition_get_date_key (field);
  version_key = ips_field_definition_get_version_key (field);
  day = ips_date_format (date);
  version = ips_signature_dup_version (file, form, key);
  /* One action for undo: the date and version alone would say the old
   * strokes were signed again. */
  ips_client_file_begin_change_group (file);
  ok = (date_key == NULL || set_if_changed (file, form, date_key, day, error)) &&
       (version_key == NULL || set_if_changed (file, form, version_key, version, error)) &&
       ips_client_file_set_value (file, form, key, normal, error);
  ips_client_file_end_change_group (file);
  return ok;
}

gboolean
ips_signature_clear (IpsClientFile  *file,
                     const char     *form,
                     const char     *key,
                     GError        **error)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), FALSE);

  if (lookup_signature (file, form, key, error) == NULL)
    return FALSE;
  /* The date and version stay: they mean nothing without strokes, and undo
   * then needs to bring back only the strokes. */
  return set_if_changed (file, form, key, NULL, error);
}

char *
ips_signature_describe (IpsSignatureState  state,
                        const GDate       *signed_on)
{
  g_autofree char *day = NULL;

  if (state == IPS_SIGNATURE_UNSIGNED)
    return NULL;

  if (signed_on != NULL && g_date_valid (signed_on))
    {
      g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (signed_on),
                                                       g_date_get_month (signed_on),
                                                       g_date_get_day (signed_on), 0, 0, 0);

      /* TRANSLATORS: a date in a printed form, as in "5 January 2026"; see g_date_time_format() */
      day = g_date_time_format (time, C_("date", "%-d %B %Y"));
    }

  if (state == IPS_SIGNATURE_SIGNED)
    return day ? g_strdup_printf (_("Signed on %s"), day) : g_strdup (_("Signed"));
  return day ? g_strdup_printf (_("Signed on %s for an earlier version of this plan"), day)
              : g_strdup (_("Signed for an earlier version of this plan"));
}
