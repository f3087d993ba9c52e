/* ips-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-application.h"

struct _IpsApplication
{
  GtkApplication parent_instance;

  IpsFormCatalog *catalog;
};

G_DEFINE_FINAL_TYPE (IpsApplication, ips_application, GTK_TYPE_APPLICATION)

static void
ips_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("IPS Caseload"));
    }
  gtk_window_present (window);
}

static void
ips_application_startup (GApplication *app)
{
  IpsApplication *self = IPS_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (ips_application_parent_class)->startup (app);

  self->catalog = ips_form_catalog_new_default (&error);
  if (self->catalog == NULL)
    g_error ("The built-in forms do not load: %s", error->message);
}

static void
ips_application_finalize (GObject *object)
{
  g_clear_object (&IPS_APPLICATION (object)->catalog);
  G_OBJECT_CLASS (ips_application_parent_class)->finalize (object);
}

static void
ips_application_class_init (IpsApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = ips_application_activate;
  G_APPLICATION_CLASS (klass)->startup = ips_application_startup;
}

static void
ips_application_init (IpsApplication *self)
{
}

IpsApplication *
ips_application_new (void)
{
  return g_object_new (IPS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

IpsFormCatalog *
ips_application_get_catalog (IpsApplication *self)
{
  g_return_val_if_fail (IPS_IS_APPLICATION (self), NULL);
  return self->catalog;
}
