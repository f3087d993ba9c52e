/* test-forms.c: the built-in form definitions load, in order, and are complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "ips-form-catalog.h"

static const char * const form_ids[] = {
  "referral",
  "vocational-profile",
  "decision-balance",
  "wellbeing-plan",
  "sharing-information",
  "action-plan",
  "journey",
};

static IpsFormCatalog *
load_catalog (void)
{
  g_autoptr(GError) error = NULL;
  IpsFormCatalog *catalog = ips_form_catalog_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static void
test_forms_catalog (void)
{
  g_autoptr(IpsFormCatalog) catalog = load_catalog ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint previous_order = 0;

  g_assert_cmpuint (ips_form_catalog_get_n_forms (catalog), ==, G_N_ELEMENTS (form_ids));

  for (guint i = 0; i < G_N_ELEMENTS (form_ids); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);
      const char *id = ips_form_definition_get_id (form);

      g_assert_cmpstr (id, ==, form_ids[i]);
      g_assert_true (g_hash_table_add (seen, (gpointer)id));
      g_assert_cmpuint (ips_form_definition_get_order (form), >, previous_order);
      previous_order = ips_form_definition_get_order (form);
      g_assert_cmpstr (ips_form_definition_get_title (form), !=, "");
      g_assert_nonnull (ips_form_definition_get_description (form));
      g_assert_true (ips_form_catalog_lookup (catalog, id) == form);
    }
}

static void
assert_labelled (IpsFormDefinition  *form,
                 IpsFieldDefinition *field)
{
  const char *label = ips_field_definition_get_label (field);

  if (label == NULL || *label == '\0')
    g_error ("form “%s”: field “%s” has no label",
             ips_form_definition_get_id (form), ips_field_definition_get_key (field));

  for (guint i = 0; i < ips_field_definition_get_n_options (field); i++)
    g_assert_cmpstr (ips_field_definition_get_option_label (field, i), !=, "");
}

static void
test_forms_labels (void)
{
  g_autoptr(IpsFormCatalog) catalog = load_catalog ();

  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);
      GPtrArray *sections = ips_form_definition_get_sections (form);
      GPtrArray *fields = ips_form_definition_get_all_fields (form);
      guint n_in_sections = 0;

      for (guint s = 0; s < sections->len; s++)
        {
          IpsFormSection *section = g_ptr_array_index (sections, s);

          g_assert_cmpstr (ips_form_section_get_title (section), !=, "");
          n_in_sections += ips_form_section_get_fields (section)->len;
        }
      g_assert_cmpuint (n_in_sections, ==, fields->len);

      for (guint f = 0; f < fields->len; f++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, f);

          assert_labelled (form, field);
          if (ips_field_definition_is_group (field))
            {
              GPtrArray *members = ips_field_definition_get_fields (field);

              g_assert_cmpuint (members->len, >, 0);
              for (guint m = 0; m < members->len; m++)
                assert_labelled (form, g_ptr_array_index (members, m));
            }
        }
    }
}

static IpsFieldDefinition *
resolve (IpsFormCatalog *catalog,
         const char     *form_id,
         const char     *group_key,
         const char     *key,
         IpsFieldType    type)
{
  g_autoptr(GError) error = NULL;
  IpsFieldDefinition *field = ips_form_catalog_resolve (catalog, form_id, group_key, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (field);
  g_assert_cmpint (ips_field_definition_get_field_type (field), ==, type);
  return field;
}

static void
test_forms_vocational_profile (void)
{
  g_autoptr(IpsFormCatalog) catalog = load_catalog ();
  IpsFormDefinition *form = ips_form_catalog_lookup (catalog, "vocational-profile");
  IpsFieldDefinition *field;

  resolve (catalog, "vocational-profile", NULL, "work-history", IPS_FIELD_ROWS);
  field = resolve (catalog, "vocational-profile", "work-history", "job-title", IPS_FIELD_TEXT);
  g_assert_cmpstr (ips_field_definition_get_label (field), ==, "Job title");
  resolve (catalog, "vocational-profile", "work-history", "hours-per-week", IPS_FIELD_NUMBER);
  resolve (catalog, "vocational-profile", "education", "course", IPS_FIELD_TEXT);
  resolve (catalog, "vocational-profile", "convictions", "spent-date", IPS_FIELD_DATE);
  resolve (catalog, "vocational-profile", NULL, "sources", IPS_FIELD_MULTI);

  field = resolve (catalog, "vocational-profile", NULL, "religion-other", IPS_FIELD_TEXT);
  g_assert_cmpstr (ips_field_definition_get_when_key (field), ==, "religion");
  g_assert_cmpstr (ips_field_definition_get_when_value (field), ==, "other");

  field = resolve (catalog, "vocational-profile", NULL, "contact-employers", IPS_FIELD_CHOICE);
  g_assert_cmpuint (ips_field_definition_get_n_options (field), ==, 3);
  g_assert_cmpstr (ips_field_definition_lookup_option_label (field, "maybe"), ==, "Maybe");

  g_assert_cmpstr (ips_form_section_get_sensitive (ips_form_definition_lookup_section_of (form, "diagnosis")),
                   ==, "health");
  g_assert_cmpstr (ips_form_section_get_sensitive (ips_form_definition_lookup_section_of (form, "convictions")),
                   ==, "forensic");
  g_assert_null (ips_form_section_get_sensitive (ips_form_definition_lookup_section_of (form, "first-name")));
}

static void
test_forms_points (void)
{
  g_autoptr(IpsFormCatalog) catalog = load_catalog ();
  static const char * const balance[] = {
    "returning-advantages", "returning-disadvantages",
    "not-returning-advantages", "not-returning-disadvantages",
  };
  IpsFieldDefinition *field;

  for (guint i = 0; i < G_N_ELEMENTS (balance); i++)
    {
      resolve (catalog, "decision-balance", NULL, balance[i], IPS_FIELD_POINTS);
      field = resolve (catalog, "decision-balance", balance[i], "text", IPS_FIELD_LONG);
      g_assert_cmpstr (ips_field_definition_get_label (field), !=, "");
    }

  resolve (catalog, "sharing-information", NULL, "advantages", IPS_FIELD_POINTS);
  resolve (catalog, "sharing-information", NULL, "disadvantages", IPS_FIELD_POINTS);
  resolve (catalog, "sharing-information", NULL, "statement", IPS_FIELD_LONG);
}

static void
test_forms_wellbeing_shares (void)
{
  g_autoptr(IpsFormCatalog) catalog = load_catalog ();
  static const char * const parts[] = {
    "every-day", "manager-help", "early-warning-signs", "if-unwell", "contacts",
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      IpsFieldDefinition *part = ips_form_catalog_resolve (catalog, "wellbeing-plan", parts[i], NULL, NULL);
      g_autofree char *share_key = g_strconcat ("share-", parts[i], NULL);

      g_assert_nonnull (part);
      g_assert_cmpstr (ips_field_definition_get_share_key (part), ==, share_key);
      resolve (catalog, "wellbeing-plan", NULL, share_key, IPS_FIELD_YESNO);
    }
}

static void
test_forms_action_plan_and_journey (void)
{
  g_autoptr(IpsFormCatalog) catalog = load_catalog ();

  resolve (catalog, "action-plan", "objectives", "completion-date", IPS_FIELD_DATE);
  resolve (catalog, "action-plan", "reviews", "notes", IPS_FIELD_LONG);
  resolve (catalog, "action-plan", NULL, "client-signature", IPS_FIELD_SIGNATURE);

  resolve (catalog, "journey", NULL, "referral-received", IPS_FIELD_DATE);
  resolve (catalog, "journey", "employer-contacts", "face-to-face", IPS_FIELD_YESNO);
  resolve (catalog, "journey", "jobs", "hourly-pay", IPS_FIELD_NUMBER);
  resolve (catalog, "journey", "jobs", "permanence", IPS_FIELD_CHOICE);
  resolve (catalog, "journey", "in-work-support", "with", IPS_FIELD_CHOICE);
  resolve (catalog, "journey", NULL, "closure-date", IPS_FIELD_DATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/forms/catalog", test_forms_catalog);
  g_test_add_func ("/core/forms/labels", test_forms_labels);
  g_test_add_func ("/core/forms/vocational-profile", test_forms_vocational_profile);
  g_test_add_func ("/core/forms/points", test_forms_points);
  g_test_add_func ("/core/forms/wellbeing-shares", test_forms_wellbeing_shares);
  g_test_add_func ("/core/forms/action-plan-and-journey", test_forms_action_plan_and_journey);

  return g_test_run ();
}
