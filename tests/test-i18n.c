/* test-i18n.c: with LANGUAGE=cy the forms and the core's messages are Welsh
 *
 * Uses the Welsh catalogue that the build compiles from po/cy.po into
 * po/cy/LC_MESSAGES in the build tree.  GNU gettext ignores LANGUAGE in the
 * "C" locale but not in C.UTF-8, which Debian 12's glibc always has, so no
 * cy_GB locale needs to be generated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-form-catalog.h"
#include "ips-test-util.h"

/* Form texts that Welsh writes as English does. */
static const char * const same_in_welsh[] = {
  "CV",
  "Sector",
};

static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* Changing the locale also makes gettext drop the translations it has
   * looked up so far. */
  g_assert_nonnull (setlocale (LC_ALL, ""));
}

static void
add_field_texts (GPtrArray          *texts,
                 IpsFieldDefinition *field)
{
  GPtrArray *fields = ips_field_definition_get_fields (field);

  g_ptr_array_add (texts, g_strdup (ips_field_definition_get_label (field)));
  if (ips_field_definition_get_help (field) != NULL)
    g_ptr_array_add (texts, g_strdup (ips_field_definition_get_help (field)));
  if (ips_field_definition_get_item_label (field) != NULL)
    g_ptr_array_add (texts, g_strdup (ips_field_definition_get_item_label (field)));
  /* A yes/no field's "Yes" and "No" come from the core, not the form. */
  if (ips_field_definition_get_field_type (field) != IPS_FIELD_YESNO)
    for (guint i = 0; i < ips_field_definition_get_n_options (field); i++)
      g_ptr_array_add (texts, g_strdup (ips_field_definition_get_option_label (field, i)));
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      IpsFieldDefinition *member = g_ptr_array_index (fields, i);

      /* A points group's one implicit field takes the group's label. */
      if (ips_field_definition_get_field_type (field) != IPS_FIELD_POINTS)
        add_field_texts (texts, member);
    }
}

/* Every text the built-in forms show, in a fixed order. */
static GPtrArray *
collect_form_texts (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < ips_form_catalog_get_n_forms (catalog); f++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, f);
      GPtrArray *sections = ips_form_definition_get_sections (form);

      g_ptr_array_add (texts, g_strdup (ips_form_definition_get_title (form)));
      g_ptr_array_add (texts, g_strdup (ips_form_definition_get_description (form)));
      for (guint s = 0; s < sections->len; s++)
        {
          IpsFormSection *section = g_ptr_array_index (sections, s);
          GPtrArray *fields = ips_form_section_get_fields (section);

          g_ptr_array_add (texts, g_strdup (ips_form_section_get_title (section)));
          for (guint i = 0; i < fields->len; i++)
            add_field_texts (texts, g_ptr_array_index (fields, i));
        }
    }
  return texts;
}

static void
test_i18n_referral_title (void)
{
  g_autoptr(IpsFormCatalog) catalog = NULL;
  IpsFormDefinition *referral;

  use_language ("cy");
  catalog = ips_test_catalog ();
  referral = ips_form_catalog_lookup (catalog, "referral");
  g_assert_nonnull (referral);
  g_assert_cmpstr (ips_form_definition_get_title (referral), ==, "Ffurflen atgyfeirio");
  g_assert_cmpstr (ips_field_definition_get_label (ips_form_definition_lookup_field (referral, "name")),
                   ==, "Enw’r cleient");

  use_language (NULL);
  g_clear_object (&catalog);
  catalog = ips_test_catalog ();
  referral = ips_form_catalog_lookup (catalog, "referral");
  g_assert_cmpstr (ips_form_definition_get_title (referral), ==, "Referral form");
}

/* Each text is looked up as xgettext extracted it: a miss (say, whitespace
 * handled differently) would leave that text in English. */
static void
test_i18n_every_form_text (void)
{
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GPtrArray) welsh = NULL;
  g_autoptr(GString) untranslated = g_string_new (NULL);

  use_language (NULL);
  english = collect_form_texts ();
  use_language ("cy");
  welsh = collect_form_texts ();

  g_assert_cmpuint (english->len, ==, welsh->len);
  g_assert_cmpuint (english->len, >, 300);
  for (guint i = 0; i < english->len; i++)
    {
      const char *en = g_ptr_array_index (english, i);
      const char *cy = g_ptr_array_index (welsh, i);

      g_assert_cmpstr (cy, !=, "");
      if (g_strcmp0 (en, cy) == 0 && !g_strv_contains (same_in_welsh, en))
        g_string_append_printf (untranslated, "\n  %s", en);
    }
  if (untranslated->len > 0)
    g_error ("form texts left in English:%s", untranslated->str);
  use_language (NULL);
}

/* The loader collapses the whitespace of a text laid out over several lines
 * before looking it up. */
static void
test_i18n_collapsed_whitespace (void)
{
  static const char xml[] =
    "<form id=\"spaced\" version=\"1\" order=\"1\">\n"
    "  <title>\n    Referral\n\t form  </title>\n"
    "  <section id=\"s\"><title>Client</title>\n"
    "    <field key=\"name\" type=\"text\"><label>  Client\n      name</label></field>\n"
    "  </section>\n"
    "</form>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, sizeof xml - 1);
  g_autoptr(IpsFormDefinition) form = NULL;
  g_autoptr(GError) error = NULL;

  use_language ("cy");
  form = ips_form_definition_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ips_form_definition_get_title (form), ==, "Ffurflen atgyfeirio");
  g_assert_cmpstr (ips_field_definition_get_label (ips_form_definition_lookup_field (form, "name")),
                   ==, "Enw’r cleient");
  use_language (NULL);
}

/* Messages from the core reach the user in Welsh too, with the field's
 * Welsh label in them. */
static void
test_i18n_core_messages (void)
{
  g_autofree char *dir = ips_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "client.ipsclient", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.ipsclient", NULL);
  g_autoptr(IpsFormCatalog) catalog = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(IpsClientFile) none = NULL;
  g_autoptr(GError) error = NULL;
  IpsFieldDefinition *unemployed;

  use_language ("cy");
  catalog = ips_test_catalog ();

  none = ips_client_file_open (missing, catalog, 0, &error);
  g_assert_null (none);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Does dim ffeil o’r fath"));
  g_clear_error (&error);

  file = ips_client_file_create (path, catalog, &error);
  g_assert_no_error (error);
  g_assert_false (ips_client_file_set_value (file, "referral", "unemployed", "perhaps", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Rhaid i’r ateb i “Yn ddi-waith ar hyn o bryd” fod yn ie neu na");

  unemployed = ips_form_definition_lookup_field (ips_form_catalog_lookup (catalog, "referral"),
                                                 "unemployed");
  g_assert_cmpstr (ips_field_definition_lookup_option_label (unemployed, "yes"), ==, "Ie");
  g_assert_cmpstr (ips_field_definition_lookup_option_label (unemployed, "no"), ==, "Na");

  ips_client_file_close (file);
  ips_test_remove_tree (dir);
  use_language (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autofree char *catalogue = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The translations compiled in the build tree, not installed ones. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  catalogue = g_build_filename (localedir, "cy", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/forms/referral-title", test_i18n_referral_title);
  g_test_add_func ("/i18n/forms/every-text", test_i18n_every_form_text);
  g_test_add_func ("/i18n/forms/collapsed-whitespace", test_i18n_collapsed_whitespace);
  g_test_add_func ("/i18n/core/messages", test_i18n_core_messages);

  return g_test_run ();
}
