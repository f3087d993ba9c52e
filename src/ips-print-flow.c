/* ips-print-flow.c
 *
 * Places the blocks of ips-document-layout on pages with Pango, in the ODT
 * export's styles. The same function places every block once to count the
 * pages (nothing drawn), then once for each page, drawing only what falls on
 * it, so the pages counted and the pages drawn cannot disagree. Text breaks
 * between pages line by line, never over the footer; a table row too tall for
 * what is left of a page goes on to the next one, splitting when it is taller
 * than a page, and a table's header row is repeated on each page it spans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ips-document-layout.h"
#include "ips-print-flow-private.h"

/* Lengths are in points. */
#define CM IPS_PRINT_CM
#define FOOTER_GAP (0.4 * CM)
#define CELL_PADDING (0.1 * CM)
#define OPTION_INDENT (0.2 * CM)
#define BLANK_LINE_GAP (0.35 * CM)
#define BLANK_ROW_HEIGHT (0.9 * CM)
#define GRID_ROW_HEIGHT (4.0 * CM)
#define SHORT_TABLE_ROWS 8            /* kept on one page, as in the ODT */
#define SIGNATURE_RULE (6.0 * CM)
#define DATE_RULE (3.5 * CM)
#define BULLET "•"

typedef enum
{
  STYLE_BODY,
  STYLE_CLIENT_NAME,
  STYLE_TITLE,
  STYLE_DATE,
  STYLE_NOTE,
  STYLE_HEADING,
  STYLE_LABEL,
  STYLE_HELP,
  STYLE_TABLE,
  STYLE_TABLE_HEADING,
  STYLE_FOOTER,
  N_STYLES
} Style;

/* As the ODT's paragraph styles: font, grey level, space before and after. */
static const struct
{
  const char *font;
  double      grey;
  double      before;
  double      after;
} styles[N_STYLES] = {
  [STYLE_BODY]          = { "Sans 11",          0.0,   0,          0.1 * CM },
  [STYLE_CLIENT_NAME]   = { "Sans 13",          0.0,   0,          0.1 * CM },
  [STYLE_TITLE]         = { "Sans Bold 20",     0.0,   0,          0.1 * CM },
  [STYLE_DATE]          = { "Sans 10",          0.267, 0,          0.3 * CM },
  [STYLE_NOTE]          = { "Sans Italic 10",   0.0,   0.1 * CM,   0.2 * CM },
  [STYLE_HEADING]       = { "Sans Bold 14",     0.0,   0.6 * CM,   0.25 * CM },
  [STYLE_LABEL]         = { "Sans Bold 11",     0.0,   0.3 * CM,   0.05 * CM },
  [STYLE_HELP]          = { "Sans Italic 9",    0.333, 0,          0.05 * CM },
  [STYLE_TABLE]         = { "Sans 10",          0.0,   0,          0.05 * CM },
  [STYLE_TABLE_HEADING] = { "Sans Bold 10",     0.0,   0,          0.05 * CM },
  [STYLE_FOOTER]        = { "Sans 8",           0.333, 0,          0 },
};

/* One line of text, a signature, or a gap, as placed on a page. */
typedef struct
{
  PangoLayout *layout;      /* NULL for a gap or a signature */
  int          index;       /* the line's index in @layout */
  Style        style;
  double       x;
  double       height;
  double       baseline;    /* below the line's top */
  const char  *signature;   /* path data, borrowed from the block */
  double       signature_width;
} Line;

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_clear_object (&line->layout);
}

static GArray *
lines_new (void)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_set_clear_func (lines, line_clear);
  return lines;
}

struct _IpsPrintFlow
{
  GtkPrintContext       *context;
  PangoContext          *pango;
  PangoFontDescription  *fonts[N_STYLES];
  cairo_t               *cr;        /* NULL while counting pages */
  int                    target;    /* the page drawn, or -1 */
  int                    page;
  double                 y;
  double                 width;
  double                 bottom;    /* where the footer's space begins */
  gboolean               split_next_table;   /* its question took the room a short table needs */
};

typedef IpsPrintFlow Flow;

static gboolean
drawing (Flow *f)
{
  return f->cr != NULL && f->page == f->target;
}

static void
new_page (Flow *f)
{
  f->page++;
  f->y = 0;
}

/* Starts a new page unless @height fits below; nothing moves from an empty page. */
static void
ensure_space (Flow   *f,
              double  height)
{
  if (f->y > 0 && f->y + height > f->bottom)
    new_page (f);
}

static void
space (Flow   *f,
       double  height)
{
  /* no space at the top of a page */
  if (f->y > 0)
    f->y += height;
}

static void
set_grey (cairo_t *cr,
          double   grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
}

static PangoLayout *
make_layout (Flow       *f,
             Style       style,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (f->pango);
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  pango_layout_set_font_description (layout, f->fonts[style]);
  pango_layout_set_width (layout, (int)(MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, valid, -1);
  return layout;
}

/* Appends the lines of @layout, placed at @x. */
static void
add_layout_lines (GArray      *lines,
                  PangoLayout *layout,
                  Style        style,
                  double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int index = 0;

  do
    {
      PangoRectangle logical;
      Line line = { 0, };

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.layout = g_object_ref (layout);
      line.index = index++;
      line.style = style;
      line.x = x + (double)logical.x / PANGO_SCALE;
      line.height = (double)logical.height / PANGO_SCALE;
      line.baseline = (double)(pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
add_text_lines (Flow       *f,
                GArray     *lines,
                Style       style,
                const char *text,
                double      x,
                double      width)
{
  g_autoptr(PangoLayout) layout = make_layout (f, style, text, width);

  add_layout_lines (lines, layout, style, x);
}

static void
add_gap (GArray *lines,
         double  height)
{
  Line line = { 0, };

  line.height = height;
  g_array_append_val (lines, line);
}

static double
lines_height (GArray *lines,
              guint   from)
{
  double height = 0;

  for (guint i = from; i < lines->len; i++)
    height += g_array_index (lines, Line, i).height;
  return height;
}

static void
add_signature_line (GArray     *lines,
                    const char *signature)
{
  Line line = { 0, };

  if (signature == NULL || !ips_print_signature_size (signature, &line.signature_width, &line.height))
    return;
  line.signature = signature;
  g_array_append_val (lines, line);
}

/* Drawing lines */

static void
draw_line (Flow   *f,
           Line   *line,
           double  x,
           double  top)
{
  if (!drawing (f))
    return;
  if (line->signature != NULL)
    ips_print_draw_signature (f->cr, line->signature, x + line->x, top, line->signature_width, line->height);
  else if (line->layout != NULL)
    {
      set_grey (f->cr, styles[line->style].grey);
      cairo_move_to (f->cr, x + line->x, top + line->baseline);
      pango_cairo_show_layout_line (f->cr, pango_layout_get_line_readonly (line->layout, line->index));
    }
}

static void
draw_rule (Flow   *f,
           double  x0,
           double  x1,
           double  y,
           double  grey)
{
  if (!drawing (f))
    return;
  cairo_new_path (f->cr);
  cairo_move_to (f->cr, x0, y);
  cairo_line_to (f->cr, x1, y);
  set_grey (f->cr, grey);
  cairo_set_line_width (f->cr, 0.5);
  cairo_stroke (f->cr);
}

/* Places lines one after the other, going on to the next page between two
 * lines when the next one would reach the footer. */
static void
flow_lines (Flow   *f,
            GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      double height = line->height;

      /* No paragraph leaves its first line alone at the foot of a page, nor
       * its last alone at the top of the next, as the ODT's 2 orphans and widows. */
      if (lines->len >= 2 && (i == 0 || (i == lines->len - 2 && lines->len >= 4)))
        height += g_array_index (lines, Line, i + 1).height;
      ensure_space (f, height);
      draw_line (f, line, 0, f->y);
      f->y += line->height;
    }
}

static void
flow_paragraph (Flow       *f,
                Style       style,
                const char *text,
                double      indent)
{
  g_autoptr(GArray) lines = lines_new ();

  add_text_lines (f, lines, style, text, indent, f->width - indent);
  space (f, styles[style].before);
  flow_lines (f, lines);
  f->y += styles[style].after;
}

/* The height of a paragraph with its spaces; of its first @max_lines when not 0. */
static double
paragraph_height (Flow       *f,
                  Style       style,
                  const char *text,
                  guint       max_lines)
{
  g_autoptr(GArray) lines = lines_new ();
  double height = styles[style].before + styles[style].after;

  add_text_lines (f, lines, style, text, 0, f->width);
  if (max_lines > 0 && lines->len > max_lines)
    g_array_set_size (lines, max_lines);
  return height + lines_height (lines, 0);
}

/* Tables */

typedef struct
{
  gboolean  heading;
  double    x;
  double    width;
  GArray   *lines;
  guint     next;       /* the first line not yet placed */
} Cell;

typedef struct
{
  IpsRowKind  kind;
  GArray     *cells;    /* Cell */
} Row;

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_pointer (&cell->lines, g_array_unref);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->cells, g_array_unref);
}

static void
prepare_row (Flow           *f,
             IpsLayoutBlock *table,
             IpsLayoutRow   *source,
             Row            *row)
{
  double x = 0;
  double inner_x = CELL_PADDING;

  row->kind = source->kind;
  row->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (row->cells, cell_clear);

  for (guint i = 0; i < source->cells->len && i < table->widths->len; i++)
    {
      IpsLayoutCell *content = g_ptr_array_index (source->cells, i);
      Cell cell = { 0, };
      double inner;

      cell.heading = content->heading;
      cell.x = x;
      cell.width = g_array_index (table->widths, double, i) * f->width;
      cell.lines = lines_new ();
      inner = cell.width - 2 * CELL_PADDING;

      if (content->title != NULL)
        add_text_lines (f, cell.lines, STYLE_TABLE_HEADING, content->title, inner_x, inner);
      if (content->text != NULL)
        add_text_lines (f, cell.lines, content->heading ? STYLE_TABLE_HEADING : STYLE_TABLE,
                        content->text, inner_x, inner);
      for (guint p = 0; content->points != NULL && content->points[p] != NULL; p++)
        {
          g_autofree char *text = NULL;
          g_autoptr(PangoLayout) layout = NULL;
          g_auto(GStrv) paragraphs = g_strsplit (content->points[p], "\n", -1);
          g_autofree char *joined = g_strjoinv ("\u2028", paragraphs);
          PangoRectangle bullet;

          /* A hanging bullet: the point's later lines start under its text. */
          text = g_strconcat (BULLET " ", joined, NULL);
          layout = make_layout (f, STYLE_TABLE, BULLET " ", inner);
          pango_layout_get_extents (layout, NULL, &bullet);
          pango_layout_set_text (layout, text, -1);
          pango_layout_set_indent (layout, -bullet.width);
          add_layout_lines (cell.lines, layout, STYLE_TABLE, inner_x);
          add_gap (cell.lines, styles[STYLE_TABLE].after);
        }
      add_signature_line (cell.lines, content->signature);

      g_array_append_val (row->cells, cell);
      x += cell.width;
    }
}

static double
row_min_height (Row *row)
{
  switch (row->kind)
    {
    case IPS_ROW_BLANK:
      return BLANK_ROW_HEIGHT;
    case IPS_ROW_GRID:
      return GRID_ROW_HEIGHT;
    case IPS_ROW_BODY:
    case IPS_ROW_HEADER:
    default:
      return 0;
    }
}

/* What the rest of the row needs, with its padding. */
static double
row_rest_height (Row      *row,
                 gboolean  whole)
{
  double height = 0;

  for (guint i = 0; i < row->cells->len; i++)
    {
      Cell *cell = &g_array_index (row->cells, Cell, i);

      height = MAX (height, lines_height (cell->lines, cell->next));
    }
  height += 2 * CELL_PADDING;
  return whole ? MAX (height, row_min_height (row)) : height;
}

/* Draws the row's cells @height high from f->y, with the lines that fit,
 * or (@all) with every line left. */
static void
draw_row_part (Flow     *f,
               Row      *row,
               double    height,
               gboolean  all)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      Cell *cell = &g_array_index (row->cells, Cell, i);
      double y = f->y + CELL_PADDING;

      if (drawing (f))
        {
          cairo_new_path (f->cr);
          cairo_rectangle (f->cr, cell->x, f->y, cell->width, height);
          if (cell->heading)
            {
              set_grey (f->cr, 0.9);
              cairo_fill_preserve (f->cr);
            }
          set_grey (f->cr, 0);
          cairo_set_line_width (f->cr, 0.5);
          cairo_stroke (f->cr);
        }
      while (cell->next < cell->lines->len)
        {
          Line *line = &g_array_index (cell->lines, Line, cell->next);

          /* the first line of a part always goes in, so a part is never empty */
          if (!all && y + line->height > f->y + height - CELL_PADDING + 0.01 && y > f->y + CELL_PADDING)
            break;
          draw_line (f, line, cell->x, y);
          y += line->height;
          cell->next++;
        }
    }
  f->y += height;
}

static double
headers_height (GArray *headers)
{
  double height = 0;

  for (guint i = 0; i < headers->len; i++)
    height += row_rest_height (&g_array_index (headers, Row, i), TRUE);
  return height;
}

static void
draw_headers (Flow   *f,
              GArray *headers)
{
  for (guint i = 0; i < headers->len; i++)
    {
      Row *row = &g_array_index (headers, Row, i);

      for (guint c = 0; c < row->cells->len; c++)
        g_array_index (row->cells, Cell, c).next = 0;
      draw_row_part (f, row, row_rest_height (row, TRUE), TRUE);
    }
}

static void
flow_row (Flow   *f,
          Row    *row,
          GArray *headers)
{
  gboolean whole = TRUE;

  while (TRUE)
    {
      double need = row_rest_height (row, whole);
      double room = f->bottom - f->y;
      double page_room = f->bottom - headers_height (headers);
      gboolean at_top = f->y <= headers_height (headers) + 0.01;

      if (need <= room)
        {
          draw_row_part (f, row, need, TRUE);
          return;
        }
      /* Not enough room here: a row that fits on a page goes on to the next
       * one whole; a taller one (or one already begun) is split here. */
      if (!at_top && (need <= page_room || room < 2 * CELL_PADDING + 2 * styles[STYLE_TABLE].after + 12))
        {
          new_page (f);
          draw_headers (f, headers);
          continue;
        }
      draw_row_part (f, row, room, FALSE);
      new_page (f);
      draw_headers (f, headers);
      whole = FALSE;
    }
}

typedef struct
{
  GArray *headers;   /* Row */
  GArray *body;      /* Row */
} Table;

static void
table_init (Flow           *f,
            Table          *t,
            IpsLayoutBlock *table)
{
  t->headers = g_array_new (FALSE, TRUE, sizeof (Row));
  t->body = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (t->headers, row_clear);
  g_array_set_clear_func (t->body, row_clear);
  for (guint i = 0; i < table->rows->len; i++)
    {
      IpsLayoutRow *source = g_ptr_array_index (table->rows, i);
      Row row = { 0, };

      prepare_row (f, table, source, &row);
      g_array_append_val (source->kind == IPS_ROW_HEADER ? t->headers : t->body, row);
    }
}

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->headers, g_array_unref);
  g_clear_pointer (&t->body, g_array_unref);
}

/* What must fit where the table starts: all of a short table, as the ODT
 * keeps it on one page; the header and first row of a long one. */
static double
table_lead_height (Flow     *f,
                   Table    *t,
                   gboolean  whole)
{
  double total = headers_height (t->headers);
  double first = total;

  for (guint i = 0; i < t->body->len; i++)
    {
      double height = row_rest_height (&g_array_index (t->body, Row, i), TRUE);

      total += height;
      /* a row taller than a quarter page is split anyway: its start will do */
      if (i == 0)
        first += MIN (height, f->bottom / 4);
    }
  if (whole && t->headers->len + t->body->len <= SHORT_TABLE_ROWS && total <= f->bottom)
    return total;
  return MIN (first, f->bottom);
}

static void
flow_table (Flow           *f,
            IpsLayoutBlock *table)
{
  Table t;

  table_init (f, &t, table);
  space (f, 0.1 * CM);
  ensure_space (f, table_lead_height (f, &t, !f->split_next_table));
  f->split_next_table = FALSE;
  draw_headers (f, t.headers);
  for (guint i = 0; i < t.body->len; i++)
    flow_row (f, &g_array_index (t.body, Row, i), t.headers);
  f->y += 0.2 * CM;
  table_clear (&t);
}

/* Other blocks */

static void
flow_blank (Flow  *f,
            guint  n_lines)
{
  g_autoptr(PangoLayout) layout = make_layout (f, STYLE_BODY, " ", f->width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  for (guint i = 0; i < n_lines; i++)
    {
      double height = BLANK_LINE_GAP + (double)logical.height / PANGO_SCALE;

      ensure_space (f, height);
      f->y += height;
      draw_rule (f, 0, f->width, f->y, 0.5);
    }
  f->y += styles[STYLE_BODY].after;
}

/* "Signature: ______    Date: ______", or the signature drawn on screen
 * and the day it was signed. */
static void
flow_signature (Flow           *f,
                IpsLayoutBlock *block)
{
  g_autoptr(PangoLayout) sign = make_layout (f, STYLE_BODY, _("Signature:"), f->width);
  g_autoptr(PangoLayout) date_label = make_layout (f, STYLE_BODY, _("Date:"), f->width);
  g_autoptr(PangoLayout) date = block->date ? make_layout (f, STYLE_BODY, block->date, f->width / 3) : NULL;
  PangoRectangle text, label;
  double width = 0, height = 0, line_height, baseline, x;
  gboolean drawn = block->signature != NULL && ips_print_signature_size (block->signature, &width, &height);

  pango_layout_get_extents (sign, NULL, &text);
  line_height = (double)text.height / PANGO_SCALE;
  if (!drawn)
    height = 0;
  height = MAX (height, line_height);
  baseline = height - line_height + (double)pango_layout_get_baseline (sign) / PANGO_SCALE;

  space (f, 0.5 * CM);
  ensure_space (f, height + 0.2 * CM);
  if (drawing (f))
    {
      set_grey (f->cr, 0);
      cairo_move_to (f->cr, 0, f->y + baseline - (double)pango_layout_get_baseline (sign) / PANGO_SCALE);
      pango_cairo_show_layout (f->cr, sign);
    }
  x = (double)text.width / PANGO_SCALE + 0.2 * CM;
  if (drawn)
    {
      if (drawing (f))
        ips_print_draw_signature (f->cr, block->signature, x, f->y, width, height);
      x += width;
    }
  else
    {
      draw_rule (f, x, x + SIGNATURE_RULE, f->y + baseline + 2, 0);
      x += SIGNATURE_RULE;
    }
  x += 1.0 * CM;

  pango_layout_get_extents (date_label, NULL, &label);
  if (drawing (f))
    {
      set_grey (f->cr, 0);
      cairo_move_to (f->cr, x, f->y + baseline - (double)pango_layout_get_baseline (date_label) / PANGO_SCALE);
      pango_cairo_show_layout (f->cr, date_label);
    }
  x += (double)label.width / PANGO_SCALE + 0.2 * CM;
  if (date != NULL)
    {
      if (drawing (f))
        {
          cairo_move_to (f->cr, x, f->y + baseline - (double)pango_layout_get_baseline (date) / PANGO_SCALE);
          pango_cairo_show_layout (f->cr, date);
        }
    }
  else
    draw_rule (f, x, MIN (x + DATE_RULE, f->width), f->y + baseline + 2, 0);

  f->y += height + 0.2 * CM;

  /* A signature given before the last edit says so, as the window does. */
  if (drawn && block->note != NULL)
    flow_paragraph (f, STYLE_LABEL, block->note, 0);
}

static void
flow_block (Flow           *f,
            IpsLayoutBlock *block)
{
  switch (block->kind)
    {
    case IPS_BLOCK_CLIENT_NAME:
      flow_paragraph (f, STYLE_CLIENT_NAME, block->text, 0);
      break;
    case IPS_BLOCK_TITLE:
      flow_paragraph (f, STYLE_TITLE, block->text, 0);
      break;
    case IPS_BLOCK_DATE:
      flow_paragraph (f, STYLE_DATE, block->text, 0);
      break;
    case IPS_BLOCK_NOTE:
      flow_paragraph (f, STYLE_NOTE, block->text, 0);
      break;
    case IPS_BLOCK_HEADING:
      flow_paragraph (f, STYLE_HEADING, block->text, 0);
      draw_rule (f, 0, f->width, f->y - styles[STYLE_HEADING].after + 0.05 * CM, 0);
      break;
    case IPS_BLOCK_LABEL:
      flow_paragraph (f, STYLE_LABEL, block->text, 0);
      break;
    case IPS_BLOCK_HELP:
      flow_paragraph (f, STYLE_HELP, block->text, 0);
      break;
    case IPS_BLOCK_ANSWER:
      flow_paragraph (f, STYLE_BODY, block->text, 0);
      break;
    case IPS_BLOCK_OPTION:
      flow_paragraph (f, STYLE_BODY, block->text, OPTION_INDENT);
      f->y -= styles[STYLE_BODY].after - 0.05 * CM;
      break;
    case IPS_BLOCK_BLANK:
      flow_blank (f, block->n_lines);
      break;
    case IPS_BLOCK_TABLE:
      flow_table (f, block);
      break;
    case IPS_BLOCK_SIGNATURE:
      flow_signature (f, block);
      break;
    default:
      g_assert_not_reached ();
    }
}

static double
footer_height (Flow *f)
{
  g_autoptr(PangoLayout) layout = make_layout (f, STYLE_FOOTER, "0", f->width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return FOOTER_GAP + (double)logical.height / PANGO_SCALE;
}

IpsPrintFlow *
ips_print_flow_new (GtkPrintContext *context,
                    cairo_t         *cr,
                    int              target)
{
  Flow *f = g_new0 (Flow, 1);

  f->context = context;
  f->pango = gtk_print_context_create_pango_context (context);
  for (guint i = 0; i < N_STYLES; i++)
    f->fonts[i] = pango_font_description_from_string (styles[i].font);
  f->cr = cr;
  f->target = target;
  f->width = gtk_print_context_get_width (context);
  f->bottom = gtk_print_context_get_height (context) - footer_height (f);
  return f;
}

void
ips_print_flow_free (IpsPrintFlow *f)
{
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&f->fonts[i], pango_font_description_free);
  g_clear_object (&f->pango);
  g_free (f);
}

static gboolean
keeps_with_next (IpsLayoutBlock *block)
{
  switch (block->kind)
    {
    case IPS_BLOCK_CLIENT_NAME:
    case IPS_BLOCK_TITLE:
    case IPS_BLOCK_DATE:
    case IPS_BLOCK_HEADING:
    case IPS_BLOCK_LABEL:
    case IPS_BLOCK_HELP:
      return TRUE;
    case IPS_BLOCK_NOTE:
    case IPS_BLOCK_ANSWER:
    case IPS_BLOCK_OPTION:
    case IPS_BLOCK_BLANK:
    case IPS_BLOCK_TABLE:
    case IPS_BLOCK_SIGNATURE:
    default:
      return FALSE;
    }
}

static Style
block_style (IpsLayoutBlock *block)
{
  switch (block->kind)
    {
    case IPS_BLOCK_CLIENT_NAME: return STYLE_CLIENT_NAME;
    case IPS_BLOCK_TITLE: return STYLE_TITLE;
    case IPS_BLOCK_DATE: return STYLE_DATE;
    case IPS_BLOCK_NOTE: return STYLE_NOTE;
    case IPS_BLOCK_HEADING: return STYLE_HEADING;
    case IPS_BLOCK_LABEL: return STYLE_LABEL;
    case IPS_BLOCK_HELP: return STYLE_HELP;
    case IPS_BLOCK_ANSWER:
    case IPS_BLOCK_OPTION:
    case IPS_BLOCK_BLANK:
    case IPS_BLOCK_TABLE:
    case IPS_BLOCK_SIGNATURE:
    default:
      return STYLE_BODY;
    }
}

/* The height the start of a block needs: a question is not left at the foot
 * of a page with its answer or table on the next. */
static double
block_lead_height (Flow           *f,
                   IpsLayoutBlock *block,
                   gboolean        whole)
{
  switch (block->kind)
    {
    case IPS_BLOCK_TABLE:
      {
        Table t;
        double height;

        table_init (f, &t, block);
        height = 0.1 * CM + table_lead_height (f, &t, whole);
        table_clear (&t);
        return height;
      }
    case IPS_BLOCK_SIGNATURE:
      return 0.7 * CM + (block->signature ? SIGNATURE_HEIGHT : paragraph_height (f, STYLE_BODY, " ", 1));
    case IPS_BLOCK_BLANK:
      return BLANK_LINE_GAP + paragraph_height (f, STYLE_BODY, " ", 1);
    case IPS_BLOCK_CLIENT_NAME:
    case IPS_BLOCK_TITLE:
    case IPS_BLOCK_DATE:
    case IPS_BLOCK_NOTE:
    case IPS_BLOCK_HEADING:
    case IPS_BLOCK_LABEL:
    case IPS_BLOCK_HELP:
    case IPS_BLOCK_ANSWER:
    case IPS_BLOCK_OPTION:
    default:
      return paragraph_height (f, block_style (block), block->text, 2);
    }
}

/* Places every block; returns the number of pages. */
guint
ips_print_flow_run (IpsPrintFlow *f,
                    GPtrArray    *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      IpsLayoutBlock *block = g_ptr_array_index (blocks, i);

      /* each form after the first starts a page */
      if (block->kind == IPS_BLOCK_CLIENT_NAME && i > 0 && f->y > 0)
        new_page (f);
      /* headings and questions stay with what follows them */
      if (keeps_with_next (block) && (i == 0 || !keeps_with_next (g_ptr_array_index (blocks, i - 1))))
        {
          double chain = 0;
          guint j;

          for (j = i; j < blocks->len && keeps_with_next (g_ptr_array_index (blocks, j)); j++)
            chain += paragraph_height (f, block_style (g_ptr_array_index (blocks, j)),
                                       ((IpsLayoutBlock *)g_ptr_array_index (blocks, j))->text, 0);
          if (j < blocks->len)
            {
              IpsLayoutBlock *next = g_ptr_array_index (blocks, j);
              double lead = block_lead_height (f, next, TRUE);

              /* A short table that fits a page, but not with its question:
               * the question goes first and the table may then break. */
              if (chain + lead > f->bottom && next->kind == IPS_BLOCK_TABLE)
                {
                  lead = block_lead_height (f, next, FALSE);
                  f->split_next_table = TRUE;
                }
              chain += lead;
            }
          if (chain <= f->bottom)
            ensure_space (f, chain);
        }
      flow_block (f, block);
      if (f->target >= 0 && f->page > f->target)
        break;
    }
  return f->page + 1;
}

void
ips_print_flow_draw_footer (IpsPrintFlow *f,
                            const char   *small_print,
                            int           page,
                            guint         n_pages)
{
  g_autofree char *current = g_strdup_printf ("%d", page + 1);
  g_autofree char *total = g_strdup_printf ("%u", n_pages);
  g_autoptr(GString) numbers = g_string_new (_("Page {page} of {pages}"));
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double top = f->bottom + FOOTER_GAP;
  PangoRectangle logical;

  g_string_replace (numbers, "{page}", current, 0);
  g_string_replace (numbers, "{pages}", total, 0);
  right = make_layout (f, STYLE_FOOTER, numbers->str, f->width);
  pango_layout_get_extents (right, NULL, &logical);
  left = make_layout (f, STYLE_FOOTER, small_print,
                      f->width - (double)logical.width / PANGO_SCALE - 0.5 * CM);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  set_grey (f->cr, styles[STYLE_FOOTER].grey);
  cairo_move_to (f->cr, 0, top);
  pango_cairo_show_layout (f->cr, left);
  cairo_move_to (f->cr, f->width - (double)logical.width / PANGO_SCALE, top);
  pango_cairo_show_layout (f->cr, right);
}

