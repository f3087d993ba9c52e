/* ips-figure.c
 *
 * One figure of a report, and the figures as CSV (RFC 4180) for a
 * spreadsheet or a record system.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ips-figure.h"

IpsFigure *
ips_figure_new (const char *id,
                const char *label,
                const char *value,
                const char *basis)
{
  IpsFigure *figure;

  g_return_val_if_fail (id != NULL && label != NULL, NULL);
  figure = g_new0 (IpsFigure, 1);
  figure->id = g_strdup (id);
  figure->label = g_strdup (label);
  figure->value = g_strdup (value ? value : "");
  figure->basis = g_strdup (basis ? basis : "");
  return figure;
}

IpsFigure *
ips_figure_copy (const IpsFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);
  return ips_figure_new (figure->id, figure->label, figure->value, figure->basis);
}

void
ips_figure_free (IpsFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->id);
  g_free (figure->label);
  g_free (figure->value);
  g_free (figure->basis);
  g_free (figure);
}

G_DEFINE_BOXED_TYPE (IpsFigure, ips_figure, ips_figure_copy, ips_figure_free)

static void
csv_append_field (GString    *csv,
                  const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

char *
ips_figures_to_csv (GPtrArray *figures)
{
  GString *csv = g_string_new ("id,label,value,basis\r\n");

  g_return_val_if_fail (figures != NULL, NULL);

  for (guint i = 0; i < figures->len; i++)
    {
      const IpsFigure *figure = g_ptr_array_index (figures, i);

      csv_append_field (csv, figure->id);
      g_string_append_c (csv, ',');
      csv_append_field (csv, figure->label);
      g_string_append_c (csv, ',');
      csv_append_field (csv, figure->value);
      g_string_append_c (csv, ',');
      csv_append_field (csv, figure->basis);
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}
