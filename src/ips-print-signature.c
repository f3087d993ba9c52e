/* ips-print-signature.c: a signature drawn on screen, drawn again on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-document-layout.h"
#include "ips-print-flow-private.h"

static gboolean
read_number (char  ***tokens,
             double  *value)
{
  char *end;

  if (**tokens == NULL)
    return FALSE;
  *value = g_ascii_strtod (**tokens, &end);
  if (end == **tokens)
    return FALSE;
  (*tokens)++;
  return TRUE;
}

/* The path as written by ips_signature_normalize_path(): absolute commands,
 * each with its own letter, numbers separated by spaces. */
static void
append_signature_path (cairo_t    *cr,
                       const char *data)
{
  g_auto(GStrv) all = g_strsplit (data, " ", -1);
  char **t = all;
  double cx = 0, cy = 0, rx = 0, ry = 0;   /* current point, last control point */

  while (*t != NULL)
    {
      char command = (*t)[0];
      double n[7];
      guint count;

      t++;
      switch (command)
        {
        case 'M': case 'L': case 'T': count = 2; break;
        case 'C': count = 6; break;
        case 'S': case 'Q': count = 4; break;
        case 'A': count = 7; break;
        case 'Z': count = 0; break;
        default: return;
        }
      for (guint i = 0; i < count; i++)
        if (!read_number (&t, &n[i]))
          return;

      switch (command)
        {
        case 'M':
          cairo_move_to (cr, n[0], n[1]);
          rx = cx = n[0];
          ry = cy = n[1];
          break;
        case 'C':
          cairo_curve_to (cr, n[0], n[1], n[2], n[3], n[4], n[5]);
          rx = n[2];
          ry = n[3];
          cx = n[4];
          cy = n[5];
          break;
        case 'S':
          cairo_curve_to (cr, 2 * cx - rx, 2 * cy - ry, n[0], n[1], n[2], n[3]);
          rx = n[0];
          ry = n[1];
          cx = n[2];
          cy = n[3];
          break;
        case 'Q':
          cairo_curve_to (cr, cx + 2.0 / 3 * (n[0] - cx), cy + 2.0 / 3 * (n[1] - cy),
                          n[2] + 2.0 / 3 * (n[0] - n[2]), n[3] + 2.0 / 3 * (n[1] - n[3]), n[2], n[3]);
          rx = n[0];
          ry = n[1];
          cx = n[2];
          cy = n[3];
          break;
        case 'Z':
          cairo_close_path (cr);
          break;
        default:   /* L, T and A: a straight line is near enough in a signature */
          cx = n[count - 2];
          cy = n[count - 1];
          cairo_line_to (cr, cx, cy);
          rx = cx;
          ry = cy;
          break;
        }
    }
}

/* The size a signature takes: SIGNATURE_HEIGHT high, at most SIGNATURE_MAX_WIDTH wide. */
gboolean
ips_print_signature_size (const char *data,
                double     *width,
                double     *height)
{
  IpsSignatureBounds b;
  g_autofree char *d = ips_signature_normalize_path (data, &b);
  double w, h;

  if (d == NULL)
    return FALSE;
  w = MAX (b.x1 - b.x0, 1e-6);
  h = MAX (b.y1 - b.y0, w / 10);
  w = MAX (w, h / 4);
  *height = SIGNATURE_HEIGHT;
  *width = SIGNATURE_HEIGHT * w / h;
  if (*width > SIGNATURE_MAX_WIDTH)
    {
      *width = SIGNATURE_MAX_WIDTH;
      *height = SIGNATURE_MAX_WIDTH * h / w;
    }
  return TRUE;
}

void
ips_print_draw_signature (cairo_t    *cr,
                const char *data,
                double      x,
                double      y,
                double      width,
                double      height)
{
  IpsSignatureBounds b;
  g_autofree char *d = ips_signature_normalize_path (data, &b);
  double scale;

  if (d == NULL)
    return;
  scale = MIN (width / MAX (b.x1 - b.x0, 1e-6), height / MAX (b.y1 - b.y0, 1e-6));
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, x + (width - (b.x1 - b.x0) * scale) / 2, y + (height - (b.y1 - b.y0) * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -b.x0, -b.y0);
  append_signature_path (cr, d);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}
