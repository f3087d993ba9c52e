/* ips-odt-export.c
 *
 * The document reads like the paper form it replaces: the client's name, the
 * form's title and the date at the top, a heading per section, each question
 * in bold with its answer beneath, ruled lines where an answer is missing so a
 * printed copy can be completed by hand, real tables for repeatable rows and
 * for lists of points, and signature lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "ips-error.h"
#include "ips-odt-export.h"
#include "ips-xml-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_source_t, zip_source_free)

#define ODF_VERSION "1.3"
#define GENERATOR PACKAGE_NAME " " PACKAGE_VERSION

/* A4 less two margins of 2 cm, in hundredths of a millimetre. */
#define TEXT_WIDTH 17000
#define GRID_HEADER_WIDTH 3400

/* Lines left for handwriting where an answer or a list is empty. */
#define BLANK_LINES_SHORT 1
#define BLANK_LINES_LONG 3
#define BLANK_TABLE_ROWS 3
#define SHORT_TABLE_ROWS 8

#define SIGNATURE_HEIGHT_CM 1.6
#define SIGNATURE_MAX_WIDTH_CM 7.0

typedef struct
{
  char   *path;
  GBytes *data;
} Picture;

typedef struct
{
  IpsClientFile     *file;
  IpsOdtExportFlags  flags;
  GDateTime         *time;           /* the export time, as shown */
  char              *client_name;
  xmlTextWriter     *w;              /* the body of content.xml */
  GArray            *column_widths;  /* guint, one automatic column style each */
  GPtrArray         *pictures;       /* Picture */
  guint              n_tables;
  guint              n_forms;
} Export;

static void
picture_free (gpointer data)
{
  Picture *picture = data;

  g_free (picture->path);
  g_bytes_unref (picture->data);
  g_free (picture);
}

static void
export_clear (Export *e)
{
  g_clear_pointer (&e->time, g_date_time_unref);
  g_clear_pointer (&e->client_name, g_free);
  g_clear_pointer (&e->w, xmlFreeTextWriter);
  g_clear_pointer (&e->column_widths, g_array_unref);
  g_clear_pointer (&e->pictures, g_ptr_array_unref);
}

/* Writer helpers */

static void
start (xmlTextWriter *w,
       const char    *name)
{
  xmlTextWriterStartElement (w, BAD_CAST name);
}

static void
end (xmlTextWriter *w)
{
  xmlTextWriterEndElement (w);
}

static void
attr (xmlTextWriter *w,
      const char    *name,
      const char    *value)
{
  xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST value);
}

static void
empty_element (xmlTextWriter *w,
               const char    *name)
{
  start (w, name);
  end (w);
}

static void
text_element (xmlTextWriter *w,
              const char    *name,
              const char    *text)
{
  start (w, name);
  xmlTextWriterWriteString (w, BAD_CAST text);
  end (w);
}

/* Attributes given as NULL-terminated name, value pairs. */
static void
attrs (xmlTextWriter      *w,
       const char * const *pairs)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i += 2)
    attr (w, pairs[i], pairs[i + 1]);
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

static void
flush_run (xmlTextWriter *w,
           GString       *run)
{
  if (run->len == 0)
    return;
  xmlTextWriterWriteString (w, BAD_CAST run->str);
  g_string_truncate (run, 0);
}

/* Writes @text as paragraph content that reads back exactly as typed: ODF
 * collapses white space, so newlines, tabs and every space that is not a
 * single one between two other characters become elements. */
static void
write_text (xmlTextWriter *w,
            const char    *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  g_autoptr(GString) run = g_string_new (NULL);
  gboolean at_boundary = TRUE;   /* start of the paragraph, or after a break or a tab */
  const char *p = valid;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        {
          p++;
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          flush_run (w, run);
          empty_element (w, "text:line-break");
          at_boundary = TRUE;
          p++;
        }
      else if (c == '\t')
        {
          flush_run (w, run);
          empty_element (w, "text:tab");
          at_boundary = TRUE;
          p++;
        }
      else if (c == ' ')
        {
          guint n = 0;

          while (p[n] == ' ')
            n++;
          if (n == 1 && !at_boundary && p[1] != '\0' && p[1] != '\n' && p[1] != '\r' && p[1] != '\t')
            g_string_append_c (run, ' ');
          else
            {
              flush_run (w, run);
              start (w, "text:s");
              if (n > 1)
                {
                  g_autofree char *count = g_strdup_printf ("%u", n);

                  attr (w, "text:c", count);
                }
              end (w);
            }
          at_boundary = FALSE;
          p += n;
        }
      else
        {
          g_string_append_unichar (run, is_xml_char (c) ? c : 0xFFFD);
          at_boundary = FALSE;
          p = g_utf8_next_char (p);
        }
    }
  flush_run (w, run);
}

static void
paragraph (Export     *e,
           const char *style,
           const char *text)
{
  start (e->w, "text:p");
  attr (e->w, "text:style-name", style);
  write_text (e->w, text);
  end (e->w);
}

static void
blank_lines (Export *e,
             guint   n)
{
  for (guint i = 0; i < n; i++)
    paragraph (e, "Blank", NULL);
}

static char *
length_cm (double cm)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.3f", cm);
  return g_strconcat (buffer, "cm", NULL);
}

/* Formatting answers */

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return NULL;
  /* TRANSLATORS: a date in a printed form, as in "5 January 2026"; see g_date_time_format() */
  return g_date_time_format (date, C_("date", "%-d %B %Y"));
}

static char *
format_date_time (GDateTime *time)
{
  g_autofree char *date = g_date_time_format (time, "%Y-%m-%d");
  g_autofree char *day = format_date (date);
  g_autofree char *clock = g_date_time_format (time, "%H:%M");

  /* TRANSLATORS: a date and a time, as in "5 January 2026 at 14:03" */
  return g_strdup_printf (_("%s at %s"), day, clock);
}

/* The answer in one line or a few, as written in a table cell or an answer
 * paragraph; NULL when there is none. */
static char *
format_value (IpsFieldDefinition *field,
              const char         *value)
{
  if (value == NULL || *value == '\0')
    return NULL;

  switch (ips_field_definition_get_field_type (field))
    {
    case IPS_FIELD_DATE:
      {
        char *date = format_date (value);

        return date ? date : g_strdup (value);
      }

    case IPS_FIELD_YESNO:
      if (g_strcmp0 (value, "yes") == 0)
        return g_strdup (_("Yes"));
      if (g_strcmp0 (value, "no") == 0)
        return g_strdup (_("No"));
      return g_strdup (value);

    case IPS_FIELD_CHOICE:
      {
        const char *label = ips_field_definition_lookup_option_label (field, value);

        return g_strdup (label ? label : value);
      }

    case IPS_FIELD_MULTI:
      {
        g_auto(GStrv) keys = ips_field_definition_split_multi (value);
        g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
        g_auto(GStrv) list = NULL;

        for (guint i = 0; keys && keys[i]; i++)
          {
            const char *label = ips_field_definition_lookup_option_label (field, keys[i]);

            g_strv_builder_add (labels, label ? label : keys[i]);
          }
        list = g_strv_builder_end (labels);
        return g_strjoinv ("\n", list);
      }

    case IPS_FIELD_TEXT:
    case IPS_FIELD_LONG:
    case IPS_FIELD_TIME:
    case IPS_FIELD_NUMBER:
    case IPS_FIELD_SIGNATURE:
    case IPS_FIELD_ROWS:
    case IPS_FIELD_POINTS:
    default:
      return g_strdup (value);
    }
}

static gboolean
multi_has (const char *value,
           const char *key)
{
  g_auto(GStrv) keys = ips_field_definition_split_multi (value);

  return keys != NULL && g_strv_contains ((const char * const *)keys, key);
}

/* Signatures: an SVG path drawn on screen, embedded as a picture. */

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

typedef struct
{
  double x0, y0, x1, y1;
  gboolean any;
} Bounds;

static void
bounds_add (Bounds *b,
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

/* Reads the path data and writes it again in absolute coordinates, keeping
 * only what was understood, so nothing but a path reaches the picture. */
static char *
normalize_path (const char *data,
                Bounds     *bounds)
{
  g_autoptr(GString) d = g_string_new (NULL);
  const char *p = data;
  char command = 0;
  double cx = 0, cy = 0, sx = 0, sy = 0;

  *bounds = (Bounds) { 0, };

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

static GBytes *
signature_svg (const char *path_data,
               const char *title,
               double     *aspect)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  g_autoptr(xmlTextWriter) w = NULL;
  g_autofree char *d = NULL;
  char number[4][G_ASCII_DTOSTR_BUF_SIZE];
  char stroke[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *view_box = NULL;
  Bounds b;
  double width, height, pad;

  d = normalize_path (path_data, &b);
  if (d == NULL)
    return NULL;

  width = b.x1 - b.x0;
  height = b.y1 - b.y0;
  if (width <= 0 && height <= 0)
    width = height = 1;
  /* A signature can be almost a straight line; keep the picture readable. */
  width = MAX (width, height / 4);
  height = MAX (height, width / 10);
  pad = MAX (width, height) / 50;
  g_ascii_formatd (stroke, sizeof stroke, "%.4g", MAX (width, height) / 150);
  g_ascii_formatd (number[0], sizeof number[0], "%.6g", b.x0 - pad);
  g_ascii_formatd (number[1], sizeof number[1], "%.6g", b.y0 - pad);
  g_ascii_formatd (number[2], sizeof number[2], "%.6g", width + 2 * pad);
  g_ascii_formatd (number[3], sizeof number[3], "%.6g", height + 2 * pad);
  view_box = g_strdup_printf ("%s %s %s %s", number[0], number[1], number[2], number[3]);
  *aspect = (width + 2 * pad) / (height + 2 * pad);

  w = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);
  start (w, "svg");
  attrs (w, (const char *[]) {
           "xmlns", "http://www.w3.org/2000/svg",
           "version", "1.1",
           "width", number[2],
           "height", number[3],
           "viewBox", view_box,
           NULL });
  text_element (w, "title", title);
  start (w, "path");
  attrs (w, (const char *[]) {
           "d", d,
           "fill", "none",
           "stroke", "#000000",
           "stroke-width", stroke,
           "stroke-linecap", "round",
           "stroke-linejoin", "round",
           NULL });
  end (w);
  end (w);
  xmlTextWriterEndDocument (w);
  g_clear_pointer (&w, xmlFreeTextWriter);

  return g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
}

/* Writes the signature as an image in the current paragraph; FALSE (and
 * nothing written) when @value is not a path that can be drawn. */
static gboolean
write_signature_image (Export     *e,
                       const char *value,
                       const char *title)
{
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *name = NULL;
  Picture *picture;
  double aspect = 1, w_cm, h_cm;

  if (value == NULL || *value == '\0')
    return FALSE;
  svg = signature_svg (value, title, &aspect);
  if (svg == NULL)
    return FALSE;

  h_cm = SIGNATURE_HEIGHT_CM;
  w_cm = h_cm * aspect;
  if (w_cm > SIGNATURE_MAX_WIDTH_CM)
    {
      w_cm = SIGNATURE_MAX_WIDTH_CM;
      h_cm = w_cm / aspect;
    }

  picture = g_new0 (Picture, 1);
  picture->path = g_strdup_printf ("Pictures/signature-%u.svg", e->pictures->len + 1);
  picture->data = g_steal_pointer (&svg);
  g_ptr_array_add (e->pictures, picture);

  width = length_cm (w_cm);
  height = length_cm (h_cm);
  name = g_strdup_printf ("Signature %u", e->pictures->len);

  start (e->w, "draw:frame");
  attrs (e->w, (const char *[]) {
           "draw:style-name", "SignatureFrame",
           "draw:name", name,
           "text:anchor-type", "as-char",
           "svg:width", width,
           "svg:height", height,
           "draw:z-index", "0",
           NULL });
  start (e->w, "draw:image");
  attrs (e->w, (const char *[]) {
           "xlink:href", picture->path,
           "xlink:type", "simple",
           "xlink:show", "embed",
           "xlink:actuate", "onLoad",
           "draw:mime-type", "image/svg+xml",
           NULL });
  end (e->w);
  text_element (e->w, "svg:title", title);
  end (e->w);
  return TRUE;
}

/* Tables */

static char *
column_style (Export *e,
              guint   width)
{
  guint i;

  for (i = 0; i < e->column_widths->len; i++)
    if (g_array_index (e->column_widths, guint, i) == width)
      break;
  if (i == e->column_widths->len)
    g_array_append_val (e->column_widths, width);
  return g_strdup_printf ("Column%u", i + 1);
}

/* A short table is kept on one page; @n_rows counts its header. */
static void
start_table (Export      *e,
             const char  *label,
             guint        n_rows,
             guint        n_columns,
             const guint *widths)
{
  g_autofree char *name = g_strdup_printf ("Table%u", ++e->n_tables);

  start (e->w, "table:table");
  attr (e->w, "table:name", name);
  attr (e->w, "table:style-name", n_rows <= SHORT_TABLE_ROWS ? "ShortTable" : "Table");
  if (label != NULL)
    text_element (e->w, "table:title", label);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *style = column_style (e, widths ? widths[i] : TEXT_WIDTH / n_columns);

      start (e->w, "table:table-column");
      attr (e->w, "table:style-name", style);
      end (e->w);
    }
}

static void
start_row (Export     *e,
           const char *style)
{
  start (e->w, "table:table-row");
  if (style != NULL)
    attr (e->w, "table:style-name", style);
}

static void
start_cell (Export   *e,
            gboolean  heading)
{
  start (e->w, "table:table-cell");
  attr (e->w, "table:style-name", heading ? "HeadingCell" : "Cell");
  attr (e->w, "office:value-type", "string");
}

static void
text_cell (Export     *e,
           gboolean    heading,
           const char *text)
{
  start_cell (e, heading);
  paragraph (e, heading ? "Table_20_Heading" : "Table_20_Contents", text);
  end (e->w);
}

/* A cell holding a list of points, one bullet each. */
static void
points_cell (Export     *e,
             const char *heading,
             GStrv       rows)
{
  start_cell (e, FALSE);
  if (heading != NULL)
    paragraph (e, "Table_20_Heading", heading);
  if (rows != NULL && rows[0] != NULL)
    {
      start (e->w, "text:list");
      attr (e->w, "text:style-name", "Points");
      for (guint i = 0; rows[i]; i++)
        {
          g_autofree char *text = ips_client_file_get_row_value (e->file, rows[i], IPS_POINT_TEXT_KEY);

          start (e->w, "text:list-item");
          paragraph (e, "Table_20_Contents", text);
          end (e->w);
        }
      end (e->w);
    }
  else if (heading == NULL)
    paragraph (e, "Table_20_Contents", NULL);
  end (e->w);
}

static void
label_paragraphs (Export             *e,
                  IpsFieldDefinition *field)
{
  const char *help = ips_field_definition_get_help (field);

  paragraph (e, "Label", ips_field_definition_get_label (field));
  if (help != NULL && *help != '\0')
    paragraph (e, "Help", help);
}

static void
write_rows (Export             *e,
            const char         *form_id,
            IpsFieldDefinition *group)
{
  GPtrArray *fields = ips_field_definition_get_fields (group);
  g_auto(GStrv) rows = ips_client_file_list_rows (e->file, form_id, ips_field_definition_get_key (group));

  label_paragraphs (e, group);
  start_table (e, ips_field_definition_get_label (group),
               1 + (rows && rows[0] ? g_strv_length (rows) : BLANK_TABLE_ROWS), fields->len, NULL);

  start (e->w, "table:table-header-rows");
  start_row (e, NULL);
  for (guint i = 0; i < fields->len; i++)
    text_cell (e, TRUE, ips_field_definition_get_label (g_ptr_array_index (fields, i)));
  end (e->w);
  end (e->w);

  for (guint r = 0; rows && rows[r]; r++)
    {
      start_row (e, NULL);
      for (guint i = 0; i < fields->len; i++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, i);
          g_autofree char *value = ips_client_file_get_row_value (e->file, rows[r],
                                                                  ips_field_definition_get_key (field));

          if (ips_field_definition_get_field_type (field) == IPS_FIELD_SIGNATURE)
            {
              start_cell (e, FALSE);
              start (e->w, "text:p");
              attr (e->w, "text:style-name", "Table_20_Contents");
              write_signature_image (e, value, ips_field_definition_get_label (field));
              end (e->w);
              end (e->w);
            }
          else
            {
              g_autofree char *text = format_value (field, value);

              text_cell (e, FALSE, text);
            }
        }
      end (e->w);
    }

  if (rows == NULL || rows[0] == NULL)
    for (guint r = 0; r < BLANK_TABLE_ROWS; r++)
      {
        start_row (e, "BlankRow");
        for (guint i = 0; i < fields->len; i++)
          text_cell (e, FALSE, NULL);
        end (e->w);
      }

  end (e->w);
}

/* A list of points on its own: a one-column table, one row per point. */
static void
write_points (Export             *e,
              const char         *form_id,
              IpsFieldDefinition *group)
{
  g_auto(GStrv) rows = ips_client_file_list_rows (e->file, form_id, ips_field_definition_get_key (group));
  const char *help = ips_field_definition_get_help (group);

  if (help != NULL && *help != '\0')
    paragraph (e, "Help", help);
  start_table (e, ips_field_definition_get_label (group),
               1 + (rows && rows[0] ? g_strv_length (rows) : BLANK_TABLE_ROWS), 1, NULL);
  start (e->w, "table:table-header-rows");
  start_row (e, NULL);
  text_cell (e, TRUE, ips_field_definition_get_label (group));
  end (e->w);
  end (e->w);

  for (guint r = 0; rows && rows[r]; r++)
    {
      g_autofree char *text = ips_client_file_get_row_value (e->file, rows[r], IPS_POINT_TEXT_KEY);

      start_row (e, NULL);
      text_cell (e, FALSE, text);
      end (e->w);
    }
  if (rows == NULL || rows[0] == NULL)
    for (guint r = 0; r < BLANK_TABLE_ROWS; r++)
      {
        start_row (e, "BlankRow");
        text_cell (e, FALSE, NULL);
        end (e->w);
      }
  end (e->w);
}

/* Two lists side by side, such as the advantages and disadvantages of sharing. */
static void
write_points_pair (Export             *e,
                   const char         *form_id,
                   IpsFieldDefinition *first,
                   IpsFieldDefinition *second)
{
  IpsFieldDefinition *groups[2] = { first, second };

  start_table (e, NULL, 2, 2, NULL);
  start (e->w, "table:table-header-rows");
  start_row (e, NULL);
  for (guint i = 0; i < 2; i++)
    text_cell (e, TRUE, ips_field_definition_get_label (groups[i]));
  end (e->w);
  end (e->w);

  start_row (e, "GridRow");
  for (guint i = 0; i < 2; i++)
    {
      IpsFieldDefinition *group = groups[i];
      g_auto(GStrv) rows = ips_client_file_list_rows (e->file, form_id, ips_field_definition_get_key (group));

      points_cell (e, NULL, rows);
    }
  end (e->w);
  end (e->w);
}

/* The 2 x 2 grid of a decision balance. The row and column names come from
 * the four labels, each "A of B" (say "Advantages of returning to work"): the
 * part that differs between the first two labels names the columns, as the
 * groups are declared in reading order. */

static gboolean
is_filler (const char *word)
{
  static const char * const fillers[] = { "of", "for", "to", "about", "in", "on", "with", NULL };
  const char *p;

  if (g_strv_contains (fillers, word))
    return TRUE;
  for (p = word; *p; p = g_utf8_next_char (p))
    if (!g_unichar_ispunct (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
join_words (char  **words,
            guint   from,
            guint   to)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[i]);
    }
  /* "Returning to work:" names the row "Returning to work" */
  while (text->len > 0 && strchr (":;,.-", text->str[text->len - 1]) != NULL)
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
capitalize (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  g_autoptr(GString) result = g_string_new (NULL);

  g_string_append_unichar (result, g_unichar_totitle (first));
  g_string_append (result, g_utf8_next_char (text));
  return g_string_free (g_steal_pointer (&result), FALSE);
}

#define MAX_GRID_WORDS 16

typedef struct
{
  char *part[2][MAX_GRID_WORDS];   /* before and after each split, NULL when empty */
  char *key[2][MAX_GRID_WORDS];    /* the same, case folded */
  guint score[MAX_GRID_WORDS];     /* how clearly the label divides there */
  guint n_splits;
} LabelSplits;

static void
label_splits_clear (LabelSplits *s)
{
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < MAX_GRID_WORDS; i++)
      {
        g_free (s->part[k][i]);
        g_free (s->key[k][i]);
      }
}

static gboolean
ends_in_punctuation (const char *word)
{
  const char *last = g_utf8_find_prev_char (word, word + strlen (word));

  return last != NULL && g_unichar_ispunct (g_utf8_get_char (last));
}

static gboolean
label_splits_init (LabelSplits *s,
                   const char  *label)
{
  g_auto(GStrv) all = g_strsplit (label ? label : "", " ", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  memset (s, 0, sizeof *s);
  for (guint i = 0; all[i]; i++)
    if (*all[i] != '\0')
      g_ptr_array_add (words, all[i]);
  if (words->len < 2 || words->len > MAX_GRID_WORDS)
    return FALSE;

  s->n_splits = words->len - 1;
  for (guint i = 0; i < s->n_splits; i++)
    {
      char **w = (char **)words->pdata;
      guint from = 0, mid_a = i + 1, mid_b = i + 1, to = words->len;

      while (mid_a > from && is_filler (w[mid_a - 1]))
        mid_a--;
      while (mid_b < to && is_filler (w[mid_b]))
        mid_b++;
      if (mid_a == from || mid_b == to)
        continue;

      s->part[0][i] = join_words (w, from, mid_a);
      s->part[1][i] = join_words (w, mid_b, to);
      s->key[0][i] = g_utf8_casefold (s->part[0][i], -1);
      s->key[1][i] = g_utf8_casefold (s->part[1][i], -1);
      /* "Returning to work: advantages" divides at the colon, "Advantages
       * of returning to work" at "of"; elsewhere only if nothing else fits */
      s->score[i] = 0;
      for (guint j = mid_a; j < mid_b; j++)
        s->score[i] = MAX (s->score[i], is_filler (w[j]) && !ends_in_punctuation (w[j]) ? 1u : 2u);
      if (ends_in_punctuation (w[mid_a - 1]))
        s->score[i] = 2;
    }
  return TRUE;
}

typedef struct
{
  char *rows[2];
  char *columns[2];
  guint cell[2][2];    /* index of the group in each cell */
} GridNames;

static void
grid_names_clear (GridNames *g)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (g->rows[i]);
      g_free (g->columns[i]);
    }
}

static guint
distinct (const char * const *v)
{
  guint n = 0;

  for (guint i = 0; i < 4; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen = seen || g_strcmp0 (v[i], v[j]) == 0;
      n += seen ? 0 : 1;
    }
  return n;
}

/* Whether dividing the labels at @at gives two names of each kind that
 * combine into the four labels. */
static gboolean
is_grid (LabelSplits  *s,
         const guint  *at)
{
  const char *a[4], *b[4];
  char *pairs[4];
  gboolean grid;

  for (guint i = 0; i < 4; i++)
    {
      a[i] = s[i].key[0][at[i]];
      b[i] = s[i].key[1][at[i]];
      if (a[i] == NULL)
        return FALSE;
    }
  if (distinct (a) != 2 || distinct (b) != 2)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    pairs[i] = g_strconcat (a[i], "\n", b[i], NULL);
  grid = distinct ((const char * const *)pairs) == 4;
  for (guint i = 0; i < 4; i++)
    g_free (pairs[i]);
  return grid;
}

static gboolean
derive_grid_names (GPtrArray *groups,
                   GridNames *names)
{
  LabelSplits s[4];
  gboolean ok = TRUE;
  guint at[4] = { 0, 0, 0, 0 };
  guint best[4] = { 0, 0, 0, 0 };
  int best_score = -1;

  memset (names, 0, sizeof *names);
  for (guint i = 0; i < 4; i++)
    ok = label_splits_init (&s[i], ips_field_definition_get_label (g_ptr_array_index (groups, i))) && ok;

  /* every way of dividing the four labels; at most 15^4 */
  while (ok)
    {
      guint i = 0;

      if (is_grid (s, at))
        {
          int score = (int)(s[0].score[at[0]] + s[1].score[at[1]] + s[2].score[at[2]] + s[3].score[at[3]]);

          if (score > best_score)
            {
              best_score = score;
              memcpy (best, at, sizeof best);
            }
        }

      while (i < 4 && ++at[i] == s[i].n_splits)
        at[i++] = 0;
      if (i == 4)
        break;
    }

  if (best_score >= 0)
    {
      /* k: the part that differs between the first two labels names the columns */
      guint k = g_strcmp0 (s[0].key[0][best[0]], s[1].key[0][best[1]]) != 0 ? 0 : 1;
      const char *column_key[4], *row_key[4];
      guint other_row = 1;

      for (guint i = 0; i < 4; i++)
        {
          column_key[i] = s[i].key[k][best[i]];
          row_key[i] = s[i].key[1 - k][best[i]];
        }
      while (g_strcmp0 (row_key[other_row], row_key[0]) == 0)
        other_row++;

      names->columns[0] = capitalize (s[0].part[k][best[0]]);
      names->columns[1] = capitalize (s[1].part[k][best[1]]);
      names->rows[0] = capitalize (s[0].part[1 - k][best[0]]);
      names->rows[1] = capitalize (s[other_row].part[1 - k][best[other_row]]);
      for (guint i = 0; i < 4; i++)
        {
          guint r = g_strcmp0 (row_key[i], row_key[0]) == 0 ? 0 : 1;
          guint c = g_strcmp0 (column_key[i], column_key[0]) == 0 ? 0 : 1;

          names->cell[r][c] = i;
        }
    }

  for (guint i = 0; i < 4; i++)
    label_splits_clear (&s[i]);
  return best_score >= 0;
}

static void
write_points_grid (Export     *e,
                   const char *form_id,
                   GPtrArray  *groups)
{
  GridNames names;
  GStrv rows[4];

  for (guint i = 0; i < 4; i++)
    rows[i] = ips_client_file_list_rows (e->file, form_id,
                                         ips_field_definition_get_key (g_ptr_array_index (groups, i)));

  if (derive_grid_names (groups, &names))
    {
      const guint widths[3] = {
        GRID_HEADER_WIDTH,
        (TEXT_WIDTH - GRID_HEADER_WIDTH) / 2,
        (TEXT_WIDTH - GRID_HEADER_WIDTH) / 2,
      };

      start_table (e, NULL, 3, 3, widths);
      start (e->w, "table:table-header-rows");
      start_row (e, NULL);
      text_cell (e, TRUE, NULL);
      text_cell (e, TRUE, names.columns[0]);
      text_cell (e, TRUE, names.columns[1]);
      end (e->w);
      end (e->w);
      for (guint r = 0; r < 2; r++)
        {
          start_row (e, "GridRow");
          text_cell (e, TRUE, names.rows[r]);
          for (guint c = 0; c < 2; c++)
            points_cell (e, NULL, rows[names.cell[r][c]]);
          end (e->w);
        }
      end (e->w);
      grid_names_clear (&names);
    }
  else
    {
      /* Labels that do not make a grid: each cell says what it holds. */
      start_table (e, NULL, 2, 2, NULL);
      for (guint r = 0; r < 2; r++)
        {
          start_row (e, "GridRow");
          for (guint c = 0; c < 2; c++)
            points_cell (e, ips_field_definition_get_label (g_ptr_array_index (groups, 2 * r + c)),
                         rows[2 * r + c]);
          end (e->w);
        }
      end (e->w);
    }

  for (guint i = 0; i < 4; i++)
    g_strfreev (rows[i]);
}

/* Fields */

static char *
signature_date (Export     *e,
                const char *form_id,
                const char *key)
{
  g_autoptr(GListModel) history = ips_client_file_list_history (e->file, form_id, NULL, NULL, key);
  g_autoptr(IpsHistoryEntry) last = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  guint n;

  if (history == NULL || (n = g_list_model_get_n_items (history)) == 0)
    return NULL;
  last = g_list_model_get_item (history, n - 1);
  time = ips_history_entry_dup_date_time (last);
  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  day = g_date_time_format (local, "%Y-%m-%d");
  return format_date (day);
}

static void
write_signature (Export             *e,
                 const char         *form_id,
                 IpsFieldDefinition *field,
                 const char         *value)
{
  g_autofree char *date = NULL;
  gboolean signed_on_screen;

  label_paragraphs (e, field);
  start (e->w, "text:p");
  attr (e->w, "text:style-name", "Signature_20_Line");
  write_text (e->w, _("Signature:"));
  empty_element (e->w, "text:s");
  signed_on_screen = write_signature_image (e, value, ips_field_definition_get_label (field));
  if (!signed_on_screen)
    write_text (e->w, "______________________________");
  start (e->w, "text:s");
  attr (e->w, "text:c", "4");
  end (e->w);
  write_text (e->w, _("Date:"));
  empty_element (e->w, "text:s");
  if (signed_on_screen)
    date = signature_date (e, form_id, ips_field_definition_get_key (field));
  write_text (e->w, date ? date : "______________");
  end (e->w);
}

static void
write_options (Export             *e,
               IpsFieldDefinition *field,
               const char         *value)
{
  IpsFieldType type = ips_field_definition_get_field_type (field);

  for (guint i = 0; i < ips_field_definition_get_n_options (field); i++)
    {
      const char *key = ips_field_definition_get_option_key (field, i);
      gboolean ticked = type == IPS_FIELD_MULTI ? multi_has (value, key) : g_strcmp0 (value, key) == 0;
      g_autofree char *line = g_strdup_printf ("%s %s", ticked ? "☑" : "☐",
                                               ips_field_definition_get_option_label (field, i));

      paragraph (e, "Option", line);
    }
}

static void
write_field (Export             *e,
             const char         *form_id,
             IpsFieldDefinition *field)
{
  IpsFieldType type = ips_field_definition_get_field_type (field);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  switch (type)
    {
    case IPS_FIELD_ROWS:
      write_rows (e, form_id, field);
      return;

    case IPS_FIELD_POINTS:
      write_points (e, form_id, field);
      return;

    case IPS_FIELD_SIGNATURE:
      value = ips_client_file_get_value (e->file, form_id, ips_field_definition_get_key (field));
      write_signature (e, form_id, field, value);
      return;

    case IPS_FIELD_TEXT:
    case IPS_FIELD_LONG:
    case IPS_FIELD_DATE:
    case IPS_FIELD_TIME:
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_MULTI:
    case IPS_FIELD_NUMBER:
    default:
      break;
    }

  value = ips_client_file_get_value (e->file, form_id, ips_field_definition_get_key (field));
  text = format_value (field, value);
  label_paragraphs (e, field);

  if (type == IPS_FIELD_MULTI || (type == IPS_FIELD_CHOICE && text == NULL))
    write_options (e, field, value);
  else if (type == IPS_FIELD_YESNO && text == NULL)
    {
      g_autofree char *line = g_strdup_printf ("☐ %s    ☐ %s", _("Yes"), _("No"));

      paragraph (e, "Option", line);
    }
  else if (text != NULL)
    paragraph (e, "Answer", text);
  else
    blank_lines (e, type == IPS_FIELD_LONG ? BLANK_LINES_LONG : BLANK_LINES_SHORT);
}

static gboolean
has_answer (Export             *e,
            const char         *form_id,
            IpsFieldDefinition *field)
{
  const char *key = ips_field_definition_get_key (field);

  if (ips_field_definition_is_group (field))
    {
      g_auto(GStrv) rows = ips_client_file_list_rows (e->file, form_id, key);

      return rows != NULL && rows[0] != NULL;
    }
  else
    {
      g_autofree char *value = ips_client_file_get_value (e->file, form_id, key);

      return value != NULL && *value != '\0';
    }
}

static gboolean
is_shared (Export             *e,
           const char         *form_id,
           IpsFieldDefinition *field)
{
  const char *share_key = ips_field_definition_get_share_key (field);
  g_autofree char *shared = NULL;

  if (share_key == NULL)
    return FALSE;
  shared = ips_client_file_get_value (e->file, form_id, share_key);
  return g_strcmp0 (shared, "yes") == 0;
}

static gboolean
is_shown (Export             *e,
          IpsFormDefinition  *form,
          IpsFieldDefinition *field)
{
  const char *form_id = ips_form_definition_get_id (form);
  const char *when_key = ips_field_definition_get_when_key (field);

  if ((e->flags & IPS_ODT_EXPORT_EMPLOYER_COPY) && !is_shared (e, form_id, field))
    return FALSE;

  /* A follow-up question whose condition is answered otherwise ("If
   * volunteering, for how long" after "no") is left out unless answered;
   * while the condition is unanswered it stays, to be completed by hand. */
  if (when_key != NULL)
    {
      IpsFieldDefinition *condition = ips_form_definition_lookup_field (form, when_key);
      const char *when_value = ips_field_definition_get_when_value (field);
      g_autofree char *value = ips_client_file_get_value (e->file, form_id, when_key);
      gboolean met;

      if (value == NULL || *value == '\0')
        return TRUE;
      if (condition != NULL && ips_field_definition_get_field_type (condition) == IPS_FIELD_MULTI)
        met = multi_has (value, when_value);
      else
        met = g_strcmp0 (value, when_value) == 0;
      if (!met && !has_answer (e, form_id, field))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_section (Export            *e,
               IpsFormDefinition *form,
               IpsFormSection    *section)
{
  const char *form_id = ips_form_definition_get_id (form);
  GPtrArray *fields = ips_form_section_get_fields (section);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) points = g_ptr_array_new ();

  for (guint i = 0; i < fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (fields, i);

      if (!is_shown (e, form, field))
        continue;
      g_ptr_array_add (shown, field);
      if (ips_field_definition_get_field_type (field) == IPS_FIELD_POINTS)
        g_ptr_array_add (points, field);
    }

  if (shown->len == 0 && (e->flags & IPS_ODT_EXPORT_EMPLOYER_COPY))
    return FALSE;

  start (e->w, "text:h");
  attr (e->w, "text:style-name", "Heading_20_2");
  attr (e->w, "text:outline-level", "2");
  write_text (e->w, ips_form_section_get_title (section));
  end (e->w);

  /* Four lists in a section make the decision balance's grid, wherever they
   * are; two lists next to each other are set side by side. */
  for (guint i = 0; i < shown->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (shown, i);
      IpsFieldDefinition *next = i + 1 < shown->len ? g_ptr_array_index (shown, i + 1) : NULL;
      IpsFieldDefinition *after = i + 2 < shown->len ? g_ptr_array_index (shown, i + 2) : NULL;

      if (ips_field_definition_get_field_type (field) != IPS_FIELD_POINTS)
        write_field (e, form_id, field);
      else if (points->len == 4)
        {
          if (field == g_ptr_array_index (points, 0))
            write_points_grid (e, form_id, points);
        }
      else if (next != NULL && ips_field_definition_get_field_type (next) == IPS_FIELD_POINTS &&
               (after == NULL || ips_field_definition_get_field_type (after) != IPS_FIELD_POINTS) &&
               (i == 0 || ips_field_definition_get_field_type (g_ptr_array_index (shown, i - 1)) != IPS_FIELD_POINTS))
        {
          write_points_pair (e, form_id, field, next);
          i++;
        }
      else
        write_field (e, form_id, field);
    }
  return TRUE;
}

static gboolean
has_shareable_parts (IpsFormDefinition *form)
{
  GPtrArray *fields = ips_form_definition_get_all_fields (form);

  for (guint i = 0; i < fields->len; i++)
    if (ips_field_definition_get_share_key (g_ptr_array_index (fields, i)) != NULL)
      return TRUE;
  return FALSE;
}

static void
write_form (Export            *e,
            IpsFormDefinition *form)
{
  GPtrArray *sections = ips_form_definition_get_sections (form);
  g_autofree char *date = g_date_time_format (e->time, "%Y-%m-%d");
  g_autofree char *day = format_date (date);
  g_autofree char *date_line = g_strdup_printf (_("Date: %s"), day);
  gboolean any = FALSE;

  /* The first paragraph sets the page style; each later form starts a page. */
  paragraph (e, e->n_forms == 0 ? "FirstParagraph" : "NewPage", e->client_name);
  start (e->w, "text:h");
  attr (e->w, "text:style-name", "Title");
  attr (e->w, "text:outline-level", "1");
  write_text (e->w, ips_form_definition_get_title (form));
  end (e->w);
  paragraph (e, "Document_20_Date", date_line);
  if (e->flags & IPS_ODT_EXPORT_EMPLOYER_COPY)
    paragraph (e, "Note", _("Copy for the employer: only the parts the client agreed to share."));

  for (guint i = 0; i < sections->len; i++)
    any = write_section (e, form, g_ptr_array_index (sections, i)) || any;

  if (!any && (e->flags & IPS_ODT_EXPORT_EMPLOYER_COPY))
    paragraph (e, "Note", _("Nothing on this form is marked for sharing with the employer."));
  e->n_forms++;
}

/* The package's parts */

static xmlTextWriter *
new_document (xmlBuffer  *buffer,
              const char *root,
              const char * const *namespaces)
{
  xmlTextWriter *w = xmlNewTextWriterMemory (buffer, 0);

  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);
  start (w, root);
  for (guint i = 0; namespaces[i]; i += 2)
    {
      g_autofree char *name = g_strconcat ("xmlns:", namespaces[i], NULL);

      attr (w, name, namespaces[i + 1]);
    }
  return w;
}

static GBytes *
finish_document (xmlTextWriter *w,
                 xmlBuffer     *buffer,
                 GError       **error)
{
  int status = xmlTextWriterEndDocument (w);

  xmlFreeTextWriter (w);
  if (status < 0)
    {
      g_set_error_literal (error, IPS_ERROR, IPS_ERROR_FAILED,
                           _("Could not write the document"));
      return NULL;
    }
  return g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
}

#define NS_OFFICE "office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE  "style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT   "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE  "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_DRAW   "draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_FO     "fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_SVG    "svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_XLINK  "xlink", "http://www.w3.org/1999/xlink"
#define NS_META   "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_DC     "dc", "http://purl.org/dc/elements/1.1/"

static void
style (xmlTextWriter      *w,
       const char         *name,
       const char         *family,
       const char * const *style_attrs,
       const char         *properties,
       const char * const *property_attrs,
       const char * const *text_attrs)
{
  start (w, "style:style");
  attr (w, "style:name", name);
  attr (w, "style:family", family);
  attrs (w, style_attrs);
  if (properties != NULL && property_attrs != NULL && property_attrs[0] != NULL)
    {
      start (w, properties);
      attrs (w, property_attrs);
      end (w);
    }
  if (text_attrs != NULL && text_attrs[0] != NULL)
    {
      start (w, "style:text-properties");
      attrs (w, text_attrs);
      end (w);
    }
  end (w);
}

#define PARAGRAPH(w, name, display, style_attrs, para_attrs, text_attrs) \
  style (w, name, "paragraph", \
         (const char *[]) { "style:display-name", display, \
                            "style:parent-style-name", "Standard", \
                            "style:class", "text", style_attrs, NULL }, \
         "style:paragraph-properties", (const char *[]) { para_attrs, NULL }, \
         (const char *[]) { text_attrs, NULL })

#define PASS(...) __VA_ARGS__
#define NONE NULL

static GBytes *
write_styles (Export  *e,
              GError **error)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  g_autofree char *exported = format_date_time (e->time);
  /* TRANSLATORS: small print in the page footer: the application and version, and the export time */
  g_autofree char *small_print = g_strdup_printf (_("%s · exported %s"), GENERATOR, exported);
  /* TRANSLATORS: page numbers in the footer; keep {page} and {pages} */
  g_auto(GStrv) page_parts = NULL;
  xmlTextWriter *w;

  w = new_document (buffer, "office:document-styles",
                    (const char *[]) { NS_OFFICE, NS_STYLE, NS_TEXT, NS_TABLE, NS_FO, NS_SVG, NULL });
  attr (w, "office:version", ODF_VERSION);

  start (w, "office:font-face-decls");
  start (w, "style:font-face");
  attrs (w, (const char *[]) {
           "style:name", "Arial",
           "svg:font-family", "Arial",
           "style:font-family-generic", "swiss",
           "style:font-pitch", "variable",
           NULL });
  end (w);
  end (w);

  start (w, "office:styles");

  start (w, "style:default-style");
  attr (w, "style:family", "paragraph");
  start (w, "style:paragraph-properties");
  attrs (w, (const char *[]) { "fo:orphans", "2", "fo:widows", "2", "style:writing-mode", "page", NULL });
  end (w);
  start (w, "style:text-properties");
  attrs (w, (const char *[]) {
           "style:font-name", "Arial",
           "fo:font-size", "11pt",
           "fo:language", "en",
           "fo:country", "GB",
           "fo:hyphenate", "false",
           NULL });
  end (w);
  end (w);

  style (w, "Standard", "paragraph", (const char *[]) { "style:class", "text", NULL },
         NULL, NULL, NULL);

  PARAGRAPH (w, "Client_20_Name", "Client Name", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.1cm"),
             PASS ("fo:font-size", "13pt"));
  style (w, "Title", "paragraph",
         (const char *[]) { "style:parent-style-name", "Standard", "style:class", "chapter",
                            "style:default-outline-level", "1", NULL },
         "style:paragraph-properties",
         (const char *[]) { "fo:margin-top", "0cm", "fo:margin-bottom", "0.1cm",
                            "fo:keep-with-next", "always", NULL },
         (const char *[]) { "fo:font-size", "20pt", "fo:font-weight", "bold", NULL });
  PARAGRAPH (w, "Document_20_Date", "Document Date", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.3cm"),
             PASS ("fo:font-size", "10pt", "fo:color", "#444444"));
  PARAGRAPH (w, "Note", "Note", NONE,
             PASS ("fo:margin-top", "0.1cm", "fo:margin-bottom", "0.2cm"),
             PASS ("fo:font-size", "10pt", "fo:font-style", "italic"));
  style (w, "Heading_20_2", "paragraph",
         (const char *[]) { "style:display-name", "Heading 2", "style:parent-style-name", "Standard",
                            "style:next-style-name", "Label", "style:class", "text",
                            "style:default-outline-level", "2", NULL },
         "style:paragraph-properties",
         (const char *[]) { "fo:margin-top", "0.6cm", "fo:margin-bottom", "0.2cm",
                            "fo:keep-with-next", "always",
                            "fo:border-bottom", "0.5pt solid #000000",
                            "fo:padding-bottom", "0.05cm", NULL },
         (const char *[]) { "fo:font-size", "14pt", "fo:font-weight", "bold", NULL });
  PARAGRAPH (w, "Label", "Label", PASS ("style:next-style-name", "Answer"),
             PASS ("fo:margin-top", "0.3cm", "fo:margin-bottom", "0.05cm", "fo:keep-with-next", "always"),
             PASS ("fo:font-weight", "bold"));
  PARAGRAPH (w, "Help", "Help", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.05cm", "fo:keep-with-next", "always"),
             PASS ("fo:font-size", "9pt", "fo:font-style", "italic", "fo:color", "#555555"));
  PARAGRAPH (w, "Answer", "Answer", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.1cm"),
             NONE);
  PARAGRAPH (w, "Option", "Option", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.05cm", "fo:margin-left", "0.2cm"),
             NONE);
  /* A ruled line to write on: each blank line keeps its own rule. */
  PARAGRAPH (w, "Blank", "Blank Line", NONE,
             PASS ("fo:margin-top", "0.35cm", "fo:margin-bottom", "0cm",
                   "fo:border-bottom", "0.5pt solid #808080", "fo:padding", "0cm",
                   "style:join-border", "false"),
             NONE);
  PARAGRAPH (w, "Signature_20_Line", "Signature Line", NONE,
             PASS ("fo:margin-top", "0.5cm", "fo:margin-bottom", "0.2cm"),
             NONE);
  PARAGRAPH (w, "Table_20_Contents", "Table Contents", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.05cm"),
             PASS ("fo:font-size", "10pt"));
  PARAGRAPH (w, "Table_20_Heading", "Table Heading", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.05cm", "fo:keep-with-next", "always"),
             PASS ("fo:font-size", "10pt", "fo:font-weight", "bold"));

  start (w, "style:style");
  attrs (w, (const char *[]) {
           "style:name", "Footer",
           "style:family", "paragraph",
           "style:parent-style-name", "Standard",
           "style:class", "extra",
           NULL });
  start (w, "style:paragraph-properties");
  start (w, "style:tab-stops");
  start (w, "style:tab-stop");
  attrs (w, (const char *[]) { "style:position", "17cm", "style:type", "right", NULL });
  end (w);
  end (w);
  end (w);
  start (w, "style:text-properties");
  attrs (w, (const char *[]) { "fo:font-size", "8pt", "fo:color", "#555555", NULL });
  end (w);
  end (w);

  start (w, "text:list-style");
  attr (w, "style:name", "Points");
  start (w, "text:list-level-style-bullet");
  attrs (w, (const char *[]) { "text:level", "1", "text:bullet-char", "•", NULL });
  start (w, "style:list-level-properties");
  attr (w, "text:list-level-position-and-space-mode", "label-alignment");
  start (w, "style:list-level-label-alignment");
  attrs (w, (const char *[]) {
           "text:label-followed-by", "listtab",
           "text:list-tab-stop-position", "0.4cm",
           "fo:text-indent", "-0.4cm",
           "fo:margin-left", "0.4cm",
           NULL });
  end (w);
  end (w);
  end (w);
  end (w);

  end (w);   /* office:styles */

  start (w, "office:automatic-styles");
  start (w, "style:page-layout");
  attr (w, "style:name", "A4");
  start (w, "style:page-layout-properties");
  attrs (w, (const char *[]) {
           "fo:page-width", "21cm",
           "fo:page-height", "29.7cm",
           "style:print-orientation", "portrait",
           "fo:margin-top", "2cm",
           "fo:margin-bottom", "2cm",
           "fo:margin-left", "2cm",
           "fo:margin-right", "2cm",
           NULL });
  end (w);
  start (w, "style:footer-style");
  start (w, "style:header-footer-properties");
  attrs (w, (const char *[]) { "fo:min-height", "0cm", "fo:margin-top", "0.4cm", NULL });
  end (w);
  end (w);
  end (w);
  end (w);

  start (w, "office:master-styles");
  start (w, "style:master-page");
  attrs (w, (const char *[]) { "style:name", "Standard", "style:page-layout-name", "A4", NULL });
  start (w, "style:footer");
  start (w, "text:p");
  attr (w, "text:style-name", "Footer");
  write_text (w, small_print);
  empty_element (w, "text:tab");

  page_parts = g_strsplit (_("Page {page} of {pages}"), "{", -1);
  for (guint i = 0; page_parts[i]; i++)
    {
      const char *part = page_parts[i];

      if (g_str_has_prefix (part, "page}"))
        {
          start (w, "text:page-number");
          attr (w, "text:select-page", "current");
          xmlTextWriterWriteString (w, BAD_CAST "1");
          end (w);
          part += strlen ("page}");
        }
      else if (g_str_has_prefix (part, "pages}"))
        {
          text_element (w, "text:page-count", "1");
          part += strlen ("pages}");
        }
      else if (i > 0)
        write_text (w, "{");
      write_text (w, part);
    }
  end (w);
  end (w);
  end (w);
  end (w);

  end (w);
  return finish_document (w, buffer, error);
}

static GBytes *
write_content (Export     *e,
               xmlBuffer  *body,
               GError    **error)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  xmlTextWriter *w;

  w = new_document (buffer, "office:document-content",
                    (const char *[]) { NS_OFFICE, NS_STYLE, NS_TEXT, NS_TABLE, NS_DRAW,
                                       NS_FO, NS_SVG, NS_XLINK, NULL });
  attr (w, "office:version", ODF_VERSION);

  start (w, "office:automatic-styles");
  style (w, "FirstParagraph", "paragraph",
         (const char *[]) { "style:parent-style-name", "Client_20_Name",
                            "style:master-page-name", "Standard", NULL },
         NULL, NULL, NULL);
  style (w, "NewPage", "paragraph",
         (const char *[]) { "style:parent-style-name", "Client_20_Name", NULL },
         "style:paragraph-properties", (const char *[]) { "fo:break-before", "page", NULL },
         NULL);
  style (w, "Table", "table", NULL,
         "style:table-properties",
         (const char *[]) { "style:width", "17cm", "table:align", "margins",
                            "fo:margin-top", "0.1cm", "fo:margin-bottom", "0.2cm",
                            "table:border-model", "collapsing", NULL },
         NULL);
  style (w, "ShortTable", "table", NULL,
         "style:table-properties",
         (const char *[]) { "style:width", "17cm", "table:align", "margins",
                            "fo:margin-top", "0.1cm", "fo:margin-bottom", "0.2cm",
                            "table:border-model", "collapsing",
                            "style:may-break-between-rows", "false", NULL },
         NULL);
  for (guint i = 0; i < e->column_widths->len; i++)
    {
      guint width = g_array_index (e->column_widths, guint, i);
      g_autofree char *name = g_strdup_printf ("Column%u", i + 1);
      g_autofree char *absolute = length_cm (width / 1000.0);
      g_autofree char *relative = g_strdup_printf ("%u*", width);

      style (w, name, "table-column", NULL,
             "style:table-column-properties",
             (const char *[]) { "style:column-width", absolute,
                                "style:rel-column-width", relative, NULL },
             NULL);
    }
  style (w, "BlankRow", "table-row", NULL,
         "style:table-row-properties", (const char *[]) { "style:min-row-height", "0.9cm", NULL },
         NULL);
  style (w, "GridRow", "table-row", NULL,
         "style:table-row-properties", (const char *[]) { "style:min-row-height", "4cm", NULL },
         NULL);
  style (w, "Cell", "table-cell", NULL,
         "style:table-cell-properties",
         (const char *[]) { "fo:padding", "0.1cm", "fo:border", "0.5pt solid #000000", NULL },
         NULL);
  style (w, "HeadingCell", "table-cell", NULL,
         "style:table-cell-properties",
         (const char *[]) { "fo:padding", "0.1cm", "fo:border", "0.5pt solid #000000",
                            "fo:background-color", "#e6e6e6", NULL },
         NULL);
  style (w, "SignatureFrame", "graphic", NULL,
         "style:graphic-properties",
         (const char *[]) { "style:vertical-pos", "top", "style:vertical-rel", "baseline", NULL },
         NULL);
  end (w);

  start (w, "office:body");
  start (w, "office:text");
  xmlTextWriterWriteRaw (w, xmlBufferContent (body));
  end (w);
  end (w);

  end (w);
  return finish_document (w, buffer, error);
}

static GBytes *
write_meta (Export     *e,
            const char *title,
            GError    **error)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (e->time);
  g_autofree char *created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  xmlTextWriter *w;

  w = new_document (buffer, "office:document-meta",
                    (const char *[]) { NS_OFFICE, NS_META, NS_DC, NULL });
  attr (w, "office:version", ODF_VERSION);
  start (w, "office:meta");
  text_element (w, "meta:generator", GENERATOR);
  text_element (w, "dc:title", title);
  text_element (w, "meta:creation-date", created);
  text_element (w, "dc:date", created);
  text_element (w, "dc:language", "en-GB");
  end (w);
  end (w);
  return finish_document (w, buffer, error);
}

static void
manifest_entry (xmlTextWriter *w,
                const char    *path,
                const char    *media_type)
{
  start (w, "manifest:file-entry");
  attr (w, "manifest:full-path", path);
  if (g_strcmp0 (path, "/") == 0)
    attr (w, "manifest:version", ODF_VERSION);
  attr (w, "manifest:media-type", media_type);
  end (w);
}

static GBytes *
write_manifest (Export  *e,
                GError **error)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  xmlTextWriter *w;

  w = new_document (buffer, "manifest:manifest",
                    (const char *[]) { "manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", NULL });
  attr (w, "manifest:version", ODF_VERSION);
  manifest_entry (w, "/", IPS_ODT_MIME_TYPE);
  manifest_entry (w, "content.xml", "text/xml");
  manifest_entry (w, "styles.xml", "text/xml");
  manifest_entry (w, "meta.xml", "text/xml");
  for (guint i = 0; i < e->pictures->len; i++)
    manifest_entry (w, ((Picture *)g_ptr_array_index (e->pictures, i))->path, "image/svg+xml");
  end (w);
  return finish_document (w, buffer, error);
}

/* The zip package */

static gboolean
set_zip_error (GError     **error,
               zip_error_t *zip_error)
{
  g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED,
               _("Could not make the document package: %s"), zip_error_strerror (zip_error));
  return FALSE;
}

static gboolean
add_entry (zip_t      *zip,
           const char *name,
           GBytes     *data,
           gboolean    stored,
           time_t      mtime,
           GError    **error)
{
  gsize length;
  const void *bytes = g_bytes_get_data (data, &length);
  zip_source_t *source;
  zip_int64_t index;

  source = zip_source_buffer (zip, bytes, length, 0);
  if (source == NULL)
    return set_zip_error (error, zip_get_error (zip));
  index = zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0)
    {
      zip_source_free (source);
      return set_zip_error (error, zip_get_error (zip));
    }
  /* zlib's own default level: 9 cost an eighth of the export for 2% less. */
  if (zip_set_file_compression (zip, index, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, stored ? 0 : 6) < 0 ||
      zip_file_set_mtime (zip, index, mtime, 0) < 0 ||
      zip_file_extra_field_delete (zip, index, ZIP_EXTRA_FIELD_ALL, ZIP_FL_LOCAL | ZIP_FL_CENTRAL) < 0)
    return set_zip_error (error, zip_get_error (zip));
  return TRUE;
}

typedef struct
{
  const char *name;
  GBytes     *data;
  gboolean    stored;
} Entry;

static GBytes *
pack (const Entry *entries,
      guint        n_entries,
      time_t       mtime,
      GError     **error)
{
  g_autoptr(zip_source_t) out = NULL;
  g_autoptr(zip_t) zip = NULL;
  zip_error_t zip_error;
  zip_int64_t size;
  g_autofree guint8 *data = NULL;

  zip_error_init (&zip_error);
  out = zip_source_buffer_create (NULL, 0, 0, &zip_error);
  if (out == NULL)
    {
      set_zip_error (error, &zip_error);
      zip_error_fini (&zip_error);
      return NULL;
    }
  zip = zip_open_from_source (out, ZIP_TRUNCATE, &zip_error);
  if (zip == NULL)
    {
      set_zip_error (error, &zip_error);
      zip_error_fini (&zip_error);
      return NULL;
    }
  zip_source_keep (out);   /* the archive frees its source on close; we read it after */

  for (guint i = 0; i < n_entries; i++)
    if (!add_entry (zip, entries[i].name, entries[i].data, entries[i].stored, mtime, error))
      return NULL;

  if (zip_close (zip) < 0)
    {
      set_zip_error (error, zip_get_error (zip));
      return NULL;
    }
  zip = NULL;

  if (zip_source_open (out) < 0)
    {
      set_zip_error (error, zip_source_error (out));
      return NULL;
    }
  zip_source_seek (out, 0, SEEK_END);
  size = zip_source_tell (out);
  zip_source_seek (out, 0, SEEK_SET);
  data = g_malloc (MAX (size, 1));
  if (size < 0 || zip_source_read (out, data, size) != size)
    {
      set_zip_error (error, zip_source_error (out));
      zip_source_close (out);
      return NULL;
    }
  zip_source_close (out);

  return g_bytes_new_take (g_steal_pointer (&data), size);
}

static GDateTime *
export_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  g_autoptr(GDateTime) now = NULL;

  /* The reproducible-builds convention: a fixed time, shown in UTC. */
  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      GDateTime *time = g_date_time_new_from_unix_utc ((gint64)seconds);

      if (time != NULL)
        return time;
    }

  /* whole seconds, as the package's file times have no more */
  now = g_date_time_new_now_local ();
  return g_date_time_new_from_unix_local (g_date_time_to_unix (now));
}

GBytes *
ips_odt_export (IpsClientFile      *file,
                const char         *form_id,
                IpsOdtExportFlags   flags,
                GError            **error)
{
  IpsFormCatalog *catalog;
  g_autoptr(xmlBuffer) body = NULL;
  g_autoptr(GPtrArray) forms = g_ptr_array_new ();
  g_autoptr(GBytes) mimetype = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(GBytes) meta = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autofree char *title = NULL;
  GBytes *package;
  Export e = { 0, };

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  catalog = ips_client_file_get_catalog (file);
  if (form_id != NULL)
    {
      IpsFormDefinition *form = ips_form_catalog_lookup (catalog, form_id);

      if (form == NULL)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                       _("There is no form called “%s”"), form_id);
          return NULL;
        }
      g_ptr_array_add (forms, form);
    }
  else
    {
      for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
        {
          IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);

          if (!(flags & IPS_ODT_EXPORT_EMPLOYER_COPY) || has_shareable_parts (form))
            g_ptr_array_add (forms, form);
        }
      if (forms->len == 0)
        {
          g_set_error_literal (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM,
                               _("No form has parts that can be shared with an employer"));
          return NULL;
        }
    }

  e.file = file;
  e.flags = flags;
  e.time = export_time ();
  e.client_name = ips_client_file_dup_client_name (file);
  if (e.client_name == NULL)
    e.client_name = g_strdup (_("Client"));
  e.column_widths = g_array_new (FALSE, FALSE, sizeof (guint));
  e.pictures = g_ptr_array_new_with_free_func (picture_free);

  body = xmlBufferCreate ();
  e.w = xmlNewTextWriterMemory (body, 0);
  for (guint i = 0; i < forms->len; i++)
    write_form (&e, g_ptr_array_index (forms, i));
  if (xmlTextWriterFlush (e.w) < 0)
    {
      g_set_error_literal (error, IPS_ERROR, IPS_ERROR_FAILED, _("Could not write the document"));
      export_clear (&e);
      return NULL;
    }
  g_clear_pointer (&e.w, xmlFreeTextWriter);

  if (form_id != NULL)
    /* TRANSLATORS: the document title: a form's title and the client's name */
    title = g_strdup_printf (_("%s: %s"), ips_form_definition_get_title (g_ptr_array_index (forms, 0)),
                             e.client_name);
  else
    /* TRANSLATORS: the document title of a whole record; %s is the client's name */
    title = g_strdup_printf (_("Client record: %s"), e.client_name);
  if (flags & IPS_ODT_EXPORT_EMPLOYER_COPY)
    {
      /* TRANSLATORS: a document title for an employer's copy */
      char *copy = g_strdup_printf (_("%s (employer copy)"), title);

      g_free (title);
      title = copy;
    }

  mimetype = g_bytes_new_static (IPS_ODT_MIME_TYPE, strlen (IPS_ODT_MIME_TYPE));
  if ((content = write_content (&e, body, error)) == NULL ||
      (styles = write_styles (&e, error)) == NULL ||
      (meta = write_meta (&e, title, error)) == NULL ||
      (manifest = write_manifest (&e, error)) == NULL)
    {
      export_clear (&e);
      return NULL;
    }

  /* mimetype first and stored, so that the type can be read at a fixed offset */
  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_append_vals (entries, (Entry[]) {
                         { "mimetype", mimetype, TRUE },
                         { "content.xml", content, FALSE },
                         { "styles.xml", styles, FALSE },
                         { "meta.xml", meta, FALSE },
                       }, 4);
  for (guint i = 0; i < e.pictures->len; i++)
    {
      Picture *picture = g_ptr_array_index (e.pictures, i);
      Entry entry = { picture->path, picture->data, FALSE };

      g_array_append_val (entries, entry);
    }
  g_array_append_vals (entries, (Entry[]) { { "META-INF/manifest.xml", manifest, FALSE } }, 1);

  package = pack ((Entry *)(void *)entries->data, entries->len, (time_t)g_date_time_to_unix (e.time), error);
  export_clear (&e);
  return package;
}

/* Writing the file */

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *folder_path = g_path_get_dirname (path);
  g_autofree char *folder = g_filename_display_name (folder_path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND,
                   _("Could not save “%s”: the folder “%s” does not exist"), name, folder);
      break;

    case EACCES:
    case EPERM:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: you do not have permission to write in the folder “%s”"),
                   name, folder);
      break;

    case EROFS:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: the folder “%s” is read-only"), name, folder);
      break;

    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE,
                   _("Could not save “%s”: the disk is full. Free some space and try again."), name);
      break;

    case EISDIR:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: it is a folder"), name);
      break;

    case EFBIG:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: the file is larger than the folder “%s” allows"), name, folder);
      break;

    default:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      length -= (gsize)written;
    }
  return TRUE;
}

static gboolean
replace_file (const char  *path,
              GBytes      *contents,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp = g_build_filename (folder, temp_name, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (contents, &length);
  int fd, saved_errno;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_write_error (error, EISDIR, path);

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, errno, path);

  if (!write_all (fd, data, length) || fsync (fd) < 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp);
      return set_write_error (error, saved_errno, path);
    }
  if (close (fd) < 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return set_write_error (error, saved_errno, path);
    }
  if (g_rename (temp, path) < 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return set_write_error (error, saved_errno, path);
    }
  return TRUE;
}

gboolean
ips_odt_export_to_file (IpsClientFile      *file,
                        const char         *form_id,
                        IpsOdtExportFlags   flags,
                        const char         *path,
                        GError            **error)
{
  g_autoptr(GBytes) package = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  package = ips_odt_export (file, form_id, flags, error);
  if (package == NULL)
    return FALSE;
  return replace_file (path, package, error);
}
