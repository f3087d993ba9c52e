/* ips-section-view.h: a section of a form on screen, under its heading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-form-section.h"

G_BEGIN_DECLS

#define IPS_TYPE_SECTION_VIEW (ips_section_view_get_type ())

G_DECLARE_FINAL_TYPE (IpsSectionView, ips_section_view, IPS, SECTION_VIEW, GtkBox)

GtkWidget      *ips_section_view_new            (const char     *section_id);
const char     *ips_section_view_get_section_id (IpsSectionView *self);
/* Shows the section's title; called once by the form page. */
void            ips_section_view_set_section    (IpsSectionView *self,
                                                 IpsFormSection *section);
/* In client view a health or forensic section shows only its heading and a
 * button to reveal it, until revealed on purpose. */
void            ips_section_view_set_client_view (IpsSectionView *self,
                                                 gboolean        client_view);
gboolean        ips_section_view_get_content_shown (IpsSectionView *self);
/* Shows or hides one of the section's own children for the form's reasons (a
 * follow-up question); while the section is hidden for client view, the
 * change waits until it is revealed. */
void            ips_section_view_set_child_shown (IpsSectionView *self,
                                                  GtkWidget      *child,
                                                  gboolean        shown);

/* The children the layout placed in the section (not its heading), taken
 * out with a reference each, for the form page to put back a few at a time. */
GPtrArray      *ips_section_view_steal_children (IpsSectionView *self);
/* Puts one back, at the end; hidden like the rest while the section is. */
void            ips_section_view_add_child      (IpsSectionView *self,
                                                 GtkWidget      *child);

G_END_DECLS
