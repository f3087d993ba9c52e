/* ips-form-page.h: one form of a client on screen, built from its .ui layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"
#include "ips-form-definition.h"

G_BEGIN_DECLS

#define IPS_TYPE_FORM_PAGE (ips_form_page_get_type ())

G_DECLARE_FINAL_TYPE (IpsFormPage, ips_form_page, IPS, FORM_PAGE, GtkWidget)

/* Where each form's layout lives in the GResource: ui/forms/<id>.ui. */
#define IPS_FORM_UI_PATH "/io/github/ipscaseload/IpsCaseload/ui/forms/%s.ui"

GtkWidget         *ips_form_page_new             (IpsFormDefinition *definition,
                                                  IpsBinder         *binder);
IpsFormDefinition *ips_form_page_get_definition  (IpsFormPage       *self);
void               ips_form_page_set_client_view (IpsFormPage       *self,
                                                  gboolean           client_view);
/* Only the first section is placed before the page's first frame; the rest
 * follows a few widgets a frame. Whether all is placed and bound; and
 * placing the rest at once. */
gboolean           ips_form_page_get_complete    (IpsFormPage       *self);
void               ips_form_page_ensure_built    (IpsFormPage       *self);
/* The widget placed for @key: an IpsField, IpsRowsEditor or IpsPointsList
 * (placing the rest of the form first if it is not placed yet). */
GtkWidget         *ips_form_page_lookup          (IpsFormPage       *self,
                                                  const char        *key);
GtkWidget         *ips_form_page_lookup_section  (IpsFormPage       *self,
                                                  const char        *section_id);
/* While an example statement has just replaced the client's own: the
 * notice's text, else NULL; and its Undo button. */
const char        *ips_form_page_get_replaced_notice (IpsFormPage   *self);
GtkWidget         *ips_form_page_get_replaced_undo   (IpsFormPage   *self);

G_END_DECLS
