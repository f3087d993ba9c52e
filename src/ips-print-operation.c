/* ips-print-operation.c
 *
 * The record laid out by ips-document-layout, placed on A4 pages by
 * ips-print-flow.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ips-document-layout.h"
#include "ips-error.h"
#include "ips-print-flow-private.h"
#include "ips-print-operation.h"

#define MARGIN_MM 20.0

struct _IpsPrintOperation
{
  GtkPrintOperation parent_instance;

  /* owned */
  GPtrArray *blocks;        /* IpsLayoutBlock */
  char      *small_print;
  guint      n_pages;
};

G_DEFINE_FINAL_TYPE (IpsPrintOperation, ips_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
ips_print_operation_begin_print (GtkPrintOperation *operation,
                                 GtkPrintContext   *context)
{
  IpsPrintOperation *self = IPS_PRINT_OPERATION (operation);
  g_autoptr(IpsPrintFlow) flow = ips_print_flow_new (context, NULL, -1);

  self->n_pages = ips_print_flow_run (flow, self->blocks);
  gtk_print_operation_set_n_pages (operation, (int)self->n_pages);
}

static void
ips_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page_nr)
{
  IpsPrintOperation *self = IPS_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(IpsPrintFlow) flow = ips_print_flow_new (context, cr, page_nr);

  ips_print_flow_run (flow, self->blocks);
  ips_print_flow_draw_footer (flow, self->small_print, page_nr, self->n_pages);
}

static void
ips_print_operation_finalize (GObject *object)
{
  IpsPrintOperation *self = IPS_PRINT_OPERATION (object);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->small_print, g_free);

  G_OBJECT_CLASS (ips_print_operation_parent_class)->finalize (object);
}

static void
ips_print_operation_class_init (IpsPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = ips_print_operation_finalize;
  operation_class->begin_print = ips_print_operation_begin_print;
  operation_class->draw_page = ips_print_operation_draw_page;
}

static void
ips_print_operation_init (IpsPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), FALSE);
}

IpsPrintOperation *
ips_print_operation_new (IpsClientFile  *file,
                         const char     *form_id,
                         GError        **error)
{
  g_autoptr(IpsPrintOperation) self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *printed = NULL;
  IpsFormDefinition *form = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (IPS_TYPE_PRINT_OPERATION, NULL);
  self->blocks = ips_document_layout_build (file, form_id, IPS_LAYOUT_DEFAULT, now, error);
  if (self->blocks == NULL)
    return NULL;

  printed = ips_layout_format_date_time (now);
  /* TRANSLATORS: small print in the page footer: the application and version, and the print time */
  self->small_print = g_strdup_printf (_("%s · printed %s"), PACKAGE_NAME " " PACKAGE_VERSION, printed);

  /* The job name shows in print queues that other people see: never the client's name. */
  if (form_id != NULL)
    form = ips_form_catalog_lookup (ips_client_file_get_catalog (file), form_id);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self),
                                    form ? ips_form_definition_get_title (form) : _("Client record"));
  return g_steal_pointer (&self);
}

guint
ips_print_operation_get_n_pages_laid_out (IpsPrintOperation *self)
{
  g_return_val_if_fail (IPS_IS_PRINT_OPERATION (self), 0);
  return self->n_pages;
}

gboolean
ips_print_operation_export_pdf (IpsPrintOperation  *self,
                                const char         *path,
                                GError            **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) print_error = NULL;
  GtkPrintOperationResult result;
  int fd;

  g_return_val_if_fail (IPS_IS_PRINT_OPERATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Written beside its destination as a private file, then renamed: the
   * client's record is never readable by others, nor left half written. */
  folder = g_path_get_dirname (path);
  name = g_filename_display_name (path);
  temp = g_build_filename (folder, ".print-XXXXXX.pdf", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (self), temp);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, &print_error);
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY || print_error != NULL)
    {
      g_unlink (temp);
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED, _("Could not save “%s”: %s"), name,
                   print_error ? print_error->message : g_strerror (EIO));
      return FALSE;
    }
  if (g_rename (temp, path) < 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

