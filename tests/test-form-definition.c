/* test-form-definition.c: the form definition loader and value validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ips-error.h"
#include "ips-form-catalog.h"
#include "ips-test-util.h"

static IpsFormDefinition *
load (const char  *xml,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  return ips_form_definition_new_from_bytes (bytes, error);
}

static void
test_referral (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  IpsFormDefinition *referral = ips_form_catalog_lookup (catalog, "referral");
  IpsFieldDefinition *field;
  /* Every field of FORMS.md section 1. */
  const char *keys[] = {
    "name", "address", "postcode", "telephone", "date-of-birth", "email", "unemployed",
    "volunteering", "volunteering-length", "meeting-time", "meeting-date", "meeting-venue",
    "meeting-requests", "referral-source", "referrer-name", "referrer-organisation",
    "referral-date", "reasons", "current-situation", "hopes", "concerns", "barriers",
    "spend-time", "supports", "complete-profile", "refer-back-to", "refer-back-team",
    "refer-back-name", "refer-back-date",
  };

  g_assert_nonnull (referral);
  g_assert_cmpstr (ips_form_definition_get_title (referral), ==, "Referral form");
  g_assert_cmpuint (ips_form_definition_get_all_fields (referral)->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (ips_form_definition_lookup_field (referral, keys[i]));

  field = ips_form_definition_lookup_field (referral, "reasons");
  g_assert_cmpint (ips_field_definition_get_field_type (field), ==, IPS_FIELD_MULTI);
  g_assert_cmpuint (ips_field_definition_get_n_options (field), ==, 6);
  g_assert_cmpstr (ips_field_definition_lookup_option_label (field, "interviews-cv"), ==,
                   "Practice interviewing / CV writing");

  field = ips_form_definition_lookup_field (referral, "volunteering-length");
  g_assert_cmpstr (ips_field_definition_get_when_key (field), ==, "volunteering");
  g_assert_cmpstr (ips_field_definition_get_when_value (field), ==, "yes");

  field = ips_form_definition_lookup_field (referral, "hopes");
  g_assert_cmpstr (ips_field_definition_get_label (field), ==,
                   "What are your hopes regarding employment, do you have any ideas about work options?");
}

static void
test_catalog_order (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  guint previous = 0;

  g_assert_cmpuint (ips_form_catalog_get_n_forms (catalog), >=, 1);
  g_assert_cmpstr (ips_form_definition_get_id (ips_form_catalog_get_form (catalog, 0)), ==, "referral");
  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);

      g_assert_cmpuint (ips_form_definition_get_order (form), >=, previous);
      previous = ips_form_definition_get_order (form);
    }
}

static void
test_values (void)
{
  g_autoptr(IpsFieldDefinition) number = ips_field_definition_new ("pay", IPS_FIELD_NUMBER);
  g_autoptr(IpsFieldDefinition) date = ips_field_definition_new ("day", IPS_FIELD_DATE);
  g_autoptr(IpsFieldDefinition) text = ips_field_definition_new ("line", IPS_FIELD_TEXT);
  const char *good_numbers[] = { "0", "12", "12.5", "12.50", "1234567" };
  const char *bad_numbers[] = { "-1", "1e3", "12.505", ".5", "12,50", "12345678", "NaN" };
  const char *bad_dates[] = { "2026-13-01", "2026-02-29", "26-01-01", "2026-1-1", "2026/01/01", "0000-01-01" };
  g_autofree char *long_line = g_strnfill (1001, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (good_numbers); i++)
    g_assert_true (ips_field_definition_validate (number, good_numbers[i], NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ips_field_definition_validate (number, bad_numbers[i], NULL, &error));
      g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE);
    }
  g_assert_true (ips_field_definition_validate (date, "2024-02-29", NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    g_assert_false (ips_field_definition_validate (date, bad_dates[i], NULL, NULL));

  g_assert_true (ips_field_definition_validate (text, "Café ☕ مرحبا \"quoted\" & <tag>", NULL, NULL));
  g_assert_false (ips_field_definition_validate (text, long_line, NULL, NULL));
  g_assert_false (ips_field_definition_validate (text, "bell\a", NULL, NULL));
}

static void
test_bad_definitions (void)
{
  struct {
    const char *name;
    const char *xml;
  } bad[] = {
    { "not xml", "<form" },
    { "wrong root", "<forms id='x' version='1'/>" },
    { "no id", "<form version='1'><title>T</title><section id='s'><title>S</title></section></form>" },
    { "bad key", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                 "<field key='Name' type='text'><label>L</label></field></section></form>" },
    { "unknown type", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                      "<field key='a' type='colour'><label>L</label></field></section></form>" },
    { "duplicate key", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                       "<field key='a' type='text'><label>L</label></field>"
                       "<field key='a' type='long'><label>L</label></field></section></form>" },
    { "choice without options", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                                "<field key='a' type='choice'><label>L</label></field></section></form>" },
    { "when unknown", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                      "<field key='a' type='text' when='b=yes'><label>L</label></field></section></form>" },
    { "no label", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                  "<field key='a' type='text'/></section></form>" },
    { "dtd", "<!DOCTYPE form [<!ENTITY e 'x'>]><form id='x' version='1'><title>&e;</title></form>" },
    { "nested group", "<form id='x' version='1'><title>T</title><section id='s'><title>S</title>"
                      "<group key='a' type='rows'><label>L</label><group key='b' type='points'>"
                      "<label>L</label></group></group></section></form>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsFormDefinition) form = load (bad[i].xml, &error);

      g_test_message ("%s: %s", bad[i].name, error ? error->message : "(loaded)");
      g_assert_null (form);
      g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_DEFINITION);
    }
}

static void
test_groups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsFormDefinition) form = load (
    "<form id='x' version='2'><title>T</title><section id='s' sensitive='health'><title>S</title>"
    "<field key='share-tips' type='yesno'><label>Share?</label></field>"
    "<group key='tips' type='points' share-key='share-tips'><label>Tips</label></group>"
    "<group key='jobs' type='rows'><label>Jobs</label><item-label>Job</item-label>"
    "<field key='title' type='text'><label>Job title</label></field>"
    "<field key='hours' type='number'><label>Hours</label></field></group>"
    "</section></form>", &error);
  IpsFieldDefinition *tips, *jobs;

  g_assert_no_error (error);
  g_assert_cmpuint (ips_form_definition_get_version (form), ==, 2);
  tips = ips_form_definition_lookup_field (form, "tips");
  g_assert_cmpint (ips_field_definition_get_field_type (tips), ==, IPS_FIELD_POINTS);
  g_assert_cmpstr (ips_field_definition_get_share_key (tips), ==, "share-tips");
  g_assert_nonnull (ips_field_definition_lookup_field (tips, IPS_POINT_TEXT_KEY));
  jobs = ips_form_definition_lookup_field (form, "jobs");
  g_assert_cmpstr (ips_field_definition_get_item_label (jobs), ==, "Job");
  g_assert_true (ips_field_definition_get_group (ips_field_definition_lookup_field (jobs, "hours")) == jobs);
  g_assert_cmpstr (ips_form_section_get_sensitive (ips_form_definition_lookup_section_of (form, "jobs")), ==, "health");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/form-definition/referral", test_referral);
  g_test_add_func ("/core/form-definition/catalog-order", test_catalog_order);
  g_test_add_func ("/core/form-definition/values", test_values);
  g_test_add_func ("/core/form-definition/bad-definitions", test_bad_definitions);
  g_test_add_func ("/core/form-definition/groups", test_groups);

  return g_test_run ();
}
