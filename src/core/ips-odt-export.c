/* ips-odt-export.c
 *
 * The document reads like the paper form it replaces: the client's name, the
 * form's title and the date at the top, a heading per section, each question
 * in bold with its answer beneath, ruled lines where an answer is missing so a
 * printed copy can be completed by hand, real tables for repeatable rows and
 * for lists of points, and signature lines. What goes on the page comes from
 * ips-document-layout, which the printed copy uses too; this file writes it
 * as ODF.
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

#include "ips-document-layout.h"
#include "ips-error.h"
#include "ips-odt-export.h"
#include "ips-write-file.h"
#include "ips-xml-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_source_t, zip_source_free)

#define ODF_VERSION "1.3"
#define GENERATOR PACKAGE_NAME " " PACKAGE_VERSION

/* A4 less two margins of 2 cm, in hundredths of a millimetre. */
#define TEXT_WIDTH 17000

/* A table kept on one page must fit on one comfortably: at most this many
 * rows, and this many lines of text estimated at CHARS_PER_CM in its cells.
 * A longer table may break between rows; kept whole, it would leave its
 * question alone at the foot of a page and break anyway. */
#define SHORT_TABLE_ROWS 8
#define SHORT_TABLE_LINES 30
#define CHARS_PER_CM 5.0

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
      else if (!is_xml_char (c))
        {
          g_string_append_unichar (run, 0xFFFD);
          at_boundary = FALSE;
          p = g_utf8_next_char (p);
        }
      else
        {
          const char *word = p;

          /* A run of characters copied as they are (@valid is UTF-8 already). */
          while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' &&
                 is_xml_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          g_string_append_len (run, word, p - word);
          at_boundary = FALSE;
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

/* @d is a normalized path (see ips_signature_normalize_path()) and @b its bounds. */
static GBytes *
signature_svg (const char               *d,
               const IpsSignatureBounds *b,
               const char               *title,
               double                   *aspect)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  g_autoptr(xmlTextWriter) w = NULL;
  char number[4][G_ASCII_DTOSTR_BUF_SIZE];
  char stroke[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *view_box = NULL;
  double width, height, pad;

  width = b->x1 - b->x0;
  height = b->y1 - b->y0;
  if (width <= 0 && height <= 0)
    width = height = 1;
  /* A signature can be almost a straight line; keep the picture readable. */
  width = MAX (width, height / 4);
  height = MAX (height, width / 10);
  pad = MAX (width, height) / 50;
  g_ascii_formatd (stroke, sizeof stroke, "%.4g", MAX (width, height) / 150);
  g_ascii_formatd (number[0], sizeof number[0], "%.6g", b->x0 - pad);
  g_ascii_formatd (number[1], sizeof number[1], "%.6g", b->y0 - pad);
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

/* Writes the signature (a normalized path, as the layout holds it, with its
 * bounds) as an image in the current paragraph; FALSE (and nothing written)
 * when there is none. */
static gboolean
write_signature_image (Export                   *e,
                       const char               *path,
                       const IpsSignatureBounds *bounds,
                       const char               *title)
{
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *name = NULL;
  Picture *picture;
  double aspect = 1, w_cm, h_cm;

  if (path == NULL || *path == '\0')
    return FALSE;
  svg = signature_svg (path, bounds, title, &aspect);

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
static guint
text_lines (const char *text,
            double      width_cm)
{
  g_auto(GStrv) paragraphs = NULL;
  double per_line = MAX (1.0, width_cm * CHARS_PER_CM);
  guint lines = 0;

  if (text == NULL || *text == '\0')
    return 0;
  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    lines += MAX (1, (guint)ceil ((double)g_utf8_strlen (paragraphs[i], -1) / per_line));
  return lines;
}

static gboolean
table_is_short (IpsLayoutBlock *table)
{
  guint total = 0;

  if (table->rows->len > SHORT_TABLE_ROWS)
    return FALSE;

  for (guint r = 0; r < table->rows->len; r++)
    {
      IpsLayoutRow *row = g_ptr_array_index (table->rows, r);
      guint row_lines = 1;

      for (guint c = 0; c < row->cells->len && c < table->widths->len; c++)
        {
          IpsLayoutCell *cell = g_ptr_array_index (row->cells, c);
          double width_cm = g_array_index (table->widths, double, c) * TEXT_WIDTH / 1000.0;
          guint lines = (cell->title ? 1 : 0) + text_lines (cell->text, width_cm);

          for (guint p = 0; cell->points != NULL && cell->points[p] != NULL; p++)
            lines += text_lines (cell->points[p], width_cm - 0.5);
          row_lines = MAX (row_lines, lines);
        }
      total += row_lines;
    }
  return total <= SHORT_TABLE_LINES;
}

static void
start_table (Export      *e,
             const char  *label,
             gboolean     keep_together,
             guint        n_columns,
             const guint *widths)
{
  g_autofree char *name = g_strdup_printf ("Table%u", ++e->n_tables);

  start (e->w, "table:table");
  attr (e->w, "table:name", name);
  attr (e->w, "table:style-name", keep_together ? "ShortTable" : "Table");
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
points_cell (Export      *e,
             const char  *heading,
             GStrv        points)
{
  start_cell (e, FALSE);
  if (heading != NULL)
    paragraph (e, "Table_20_Heading", heading);
  if (points != NULL && points[0] != NULL)
    {
      start (e->w, "text:list");
      attr (e->w, "text:style-name", "Points");
      for (guint i = 0; points[i]; i++)
        {
          start (e->w, "text:list-item");
          paragraph (e, "Table_20_Contents", points[i]);
          end (e->w);
        }
      end (e->w);
    }
  else if (heading == NULL)
    paragraph (e, "Table_20_Contents", NULL);
  end (e->w);
}

static void
write_cell (Export        *e,
            IpsLayoutCell *cell)
{
  if (cell->points != NULL)
    points_cell (e, cell->title, cell->points);
  else if (cell->signature != NULL)
    {
      start_cell (e, cell->heading);
      start (e->w, "text:p");
      attr (e->w, "text:style-name", "Table_20_Contents");
      write_signature_image (e, cell->signature, &cell->signature_bounds, cell->signature_title);
      end (e->w);
      end (e->w);
    }
  else
    text_cell (e, cell->heading, cell->text);
}

/* Header rows repeat on each page; blank rows leave room to write, grid rows
 * room for a list of points. */
static void
write_table (Export         *e,
             IpsLayoutBlock *table)
{
  g_autofree guint *widths = g_new0 (guint, table->widths->len);
  gboolean in_header = FALSE;

  for (guint i = 0; i < table->widths->len; i++)
    widths[i] = (guint)floor (g_array_index (table->widths, double, i) * TEXT_WIDTH + 0.001);
  start_table (e, table->caption, table_is_short (table), table->widths->len, widths);

  for (guint r = 0; r < table->rows->len; r++)
    {
      IpsLayoutRow *row = g_ptr_array_index (table->rows, r);
      const char *style = NULL;

      if (row->kind == IPS_ROW_HEADER && !in_header)
        start (e->w, "table:table-header-rows");
      else if (row->kind != IPS_ROW_HEADER && in_header)
        end (e->w);
      in_header = row->kind == IPS_ROW_HEADER;

      if (row->kind == IPS_ROW_BLANK)
        style = "BlankRow";
      else if (row->kind == IPS_ROW_GRID)
        style = "GridRow";
      start_row (e, style);
      for (guint c = 0; c < row->cells->len; c++)
        write_cell (e, g_ptr_array_index (row->cells, c));
      end (e->w);
    }
  if (in_header)
    end (e->w);
  end (e->w);
}

static void
write_signature (Export         *e,
                 IpsLayoutBlock *block)
{
  gboolean signed_on_screen;

  start (e->w, "text:p");
  attr (e->w, "text:style-name", "Signature_20_Line");
  write_text (e->w, _("Signature:"));
  empty_element (e->w, "text:s");
  signed_on_screen = write_signature_image (e, block->signature, &block->signature_bounds, block->text);
  if (!signed_on_screen)
    write_text (e->w, "______________________________");
  start (e->w, "text:s");
  attr (e->w, "text:c", "4");
  end (e->w);
  write_text (e->w, _("Date:"));
  empty_element (e->w, "text:s");
  write_text (e->w, signed_on_screen && block->date ? block->date : "______________");
  end (e->w);

  if (signed_on_screen && block->note != NULL)
    paragraph (e, "Signature_20_Note", block->note);
}

static void
heading (Export     *e,
         const char *style,
         const char *level,
         const char *text)
{
  start (e->w, "text:h");
  attr (e->w, "text:style-name", style);
  attr (e->w, "text:outline-level", level);
  write_text (e->w, text);
  end (e->w);
}

/* One block of the layout the printed copy shares (ips-document-layout.h). */
static void
write_block (Export         *e,
             IpsLayoutBlock *block)
{
  switch (block->kind)
    {
    case IPS_BLOCK_CLIENT_NAME:
      /* The first paragraph sets the page style; each later form starts a page. */
      paragraph (e, e->n_forms++ == 0 ? "FirstParagraph" : "NewPage", block->text);
      break;
    case IPS_BLOCK_TITLE:
      heading (e, "Title", "1", block->text);
      break;
    case IPS_BLOCK_DATE:
      paragraph (e, "Document_20_Date", block->text);
      break;
    case IPS_BLOCK_NOTE:
      paragraph (e, "Note", block->text);
      break;
    case IPS_BLOCK_HEADING:
      heading (e, "Heading_20_2", "2", block->text);
      break;
    case IPS_BLOCK_LABEL:
      paragraph (e, "Label", block->text);
      break;
    case IPS_BLOCK_HELP:
      paragraph (e, "Help", block->text);
      break;
    case IPS_BLOCK_ANSWER:
      paragraph (e, "Answer", block->text);
      break;
    case IPS_BLOCK_OPTION:
      paragraph (e, "Option", block->text);
      break;
    case IPS_BLOCK_BLANK:
      blank_lines (e, block->n_lines);
      break;
    case IPS_BLOCK_TABLE:
      write_table (e, block);
      break;
    case IPS_BLOCK_SIGNATURE:
      write_signature (e, block);
      break;
    default:
      g_assert_not_reached ();
    }
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
  g_autofree char *exported = ips_layout_format_date_time (e->time);
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
  PARAGRAPH (w, "Signature_20_Note", "Signature Note", NONE,
             PASS ("fo:margin-top", "0cm", "fo:margin-bottom", "0.2cm"),
             PASS ("fo:font-weight", "bold", "fo:color", "#8a4600"));
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

#define SMALL_PART 4096

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
  /* Level 3: on John's record zlib's default (6) spent a sixth of the export
   * to make content.xml 12% smaller (13.7 against 15.5 KiB). Parts of a few
   * KiB (meta.xml, the manifest, a signature) are stored: setting up zlib for
   * each cost more than the kilobyte or two it saved. */
  if (length < SMALL_PART)
    stored = TRUE;
  if (zip_set_file_compression (zip, index, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, stored ? 0 : 3) < 0 ||
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

/* The document's title in meta.xml, from the layout's first lines: the
 * client's name, then the form's title. */
static char *
document_title (GPtrArray         *blocks,
                gboolean           one_form,
                IpsOdtExportFlags  flags)
{
  IpsLayoutBlock *name = blocks->len > 0 ? g_ptr_array_index (blocks, 0) : NULL;
  IpsLayoutBlock *form = blocks->len > 1 ? g_ptr_array_index (blocks, 1) : NULL;
  const char *client = name && name->kind == IPS_BLOCK_CLIENT_NAME ? name->text : _("Client");
  g_autofree char *title = NULL;

  if (one_form && form != NULL && form->kind == IPS_BLOCK_TITLE)
    /* TRANSLATORS: the document title: a form's title and the client's name */
    title = g_strdup_printf (_("%s: %s"), form->text, client);
  else
    /* TRANSLATORS: the document title of a whole record; %s is the client's name */
    title = g_strdup_printf (_("Client record: %s"), client);
  if (flags & IPS_ODT_EXPORT_EMPLOYER_COPY)
    /* TRANSLATORS: a document title for an employer's copy */
    return g_strdup_printf (_("%s (employer copy)"), title);
  return g_steal_pointer (&title);
}

static GBytes *
export_document (IpsClientFile      *file,
                 const char         *form_id,
                 IpsOdtExportFlags   flags,
                 GError            **error)
{
  g_autoptr(xmlBuffer) body = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GBytes) mimetype = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(GBytes) meta = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autofree char *title = NULL;
  GBytes *package;
  Export e = { 0, };

  e.file = file;
  e.flags = flags;
  e.time = ips_layout_export_time ();
  e.column_widths = g_array_new (FALSE, FALSE, sizeof (guint));
  e.pictures = g_ptr_array_new_with_free_func (picture_free);

  blocks = ips_document_layout_build (file, form_id,
                                      (flags & IPS_ODT_EXPORT_EMPLOYER_COPY) ? IPS_LAYOUT_EMPLOYER_COPY
                                                                             : IPS_LAYOUT_DEFAULT,
                                      e.time, error);
  if (blocks == NULL)
    {
      export_clear (&e);
      return NULL;
    }
  body = xmlBufferCreate ();
  e.w = xmlNewTextWriterMemory (body, 0);
  for (guint i = 0; i < blocks->len; i++)
    write_block (&e, g_ptr_array_index (blocks, i));
  if (xmlTextWriterFlush (e.w) < 0)
    {
      g_set_error_literal (error, IPS_ERROR, IPS_ERROR_FAILED, _("Could not write the document"));
      export_clear (&e);
      return NULL;
    }
  g_clear_pointer (&e.w, xmlFreeTextWriter);

  title = document_title (blocks, form_id != NULL, flags);
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

GBytes *
ips_odt_export (IpsClientFile      *file,
                const char         *form_id,
                IpsOdtExportFlags   flags,
                GError            **error)
{
  GBytes *document;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The document is one state of the record, however long it takes. */
  ips_client_file_begin_read (file);
  document = export_document (file, form_id, flags, error);
  ips_client_file_end_read (file);
  return document;
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
  return ips_write_file (path, package, error);
}
