/* ips-print-flow-private.h: the pages of a print, for IpsPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lengths are in points. */
#define IPS_PRINT_CM 28.3465
#define SIGNATURE_HEIGHT (1.6 * IPS_PRINT_CM)
#define SIGNATURE_MAX_WIDTH (7.0 * IPS_PRINT_CM)

typedef struct _IpsPrintFlow IpsPrintFlow;

/* A flow that draws page @target on @cr, or (with @cr NULL and @target -1)
 * only counts the pages. */
IpsPrintFlow *ips_print_flow_new         (GtkPrintContext *context,
                                          cairo_t         *cr,
                                          int              target);
void          ips_print_flow_free        (IpsPrintFlow    *flow);
/* Places the blocks (IpsLayoutBlock) in order; returns the number of pages. */
guint         ips_print_flow_run         (IpsPrintFlow    *flow,
                                          GPtrArray       *blocks);
void          ips_print_flow_draw_footer (IpsPrintFlow    *flow,
                                          const char      *small_print,
                                          int              page,
                                          guint            n_pages);

/* The size a signature's path data takes on paper; FALSE when it cannot be drawn. */
gboolean      ips_print_signature_size   (const char      *data,
                                          double          *width,
                                          double          *height);
void          ips_print_draw_signature   (cairo_t         *cr,
                                          const char      *data,
                                          double           x,
                                          double           y,
                                          double           width,
                                          double           height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsPrintFlow, ips_print_flow_free)

G_END_DECLS
