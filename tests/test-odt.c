/* test-odt.c: the ODT export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "ips-error.h"
#include "ips-odt-export.h"
#include "ips-signature.h"
#include "ips-test-util.h"
#include "ips-xml-import.h"
#include "ips-xml-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"

/* Test-only forms in the shapes the real ones take: rows and a signature (an
 * action plan), a 2 x 2 grid and a pair of point lists (a decision balance),
 * and parts shared with an employer (a wellbeing plan). */
static const char plan_form[] =
  "<form id='test-plan' version='1' order='50'>"
  "  <title>Vocational action plan</title>"
  "  <description>Objectives and who does what.</description>"
  "  <section id='plan'><title>Plan</title>"
  "    <field key='plan-date' type='date'><label>Date</label></field>"
  "    <field key='goal' type='long'><label>Job goal</label><help>What the client wants to achieve.</help></field>"
  "    <group key='objectives' type='rows'><label>Objectives</label><item-label>Objective</item-label>"
  "      <field key='objective' type='long'><label>Objective</label></field>"
  "      <field key='actions' type='long'><label>Actions / strategies</label></field>"
  "      <field key='responsible' type='choice'><label>Responsible</label>"
  "        <option value='client'>Client</option>"
  "        <option value='specialist'>Employment specialist</option></field>"
  "      <field key='completion' type='date'><label>Completion date</label></field>"
  "    </group>"
  "    <field key='hours' type='number'><label>Hours per week</label></field>"
  "    <field key='review-time' type='time'><label>Review time</label></field>"
  "  </section>"
  "  <section id='sign'><title>Signatures</title>"
  "    <field key='client-signature' type='signature'><label>Client signature</label></field>"
  "    <field key='specialist-signature' type='signature'><label>Employment specialist signature</label></field>"
  "  </section>"
  "</form>";

static const char balance_form[] =
  "<form id='test-balance' version='1' order='60'>"
  "  <title>Decision balance table</title>"
  "  <description>Weighing up work.</description>"
  "  <section id='balance'><title>Decision balance</title>"
  "    <group key='adv-work' type='points'><label>Advantages of returning to work</label></group>"
  "    <group key='dis-work' type='points'><label>Disadvantages of returning to work</label></group>"
  "    <group key='adv-not' type='points'><label>Advantages of not returning to work</label></group>"
  "    <group key='dis-not' type='points'><label>Disadvantages of not returning to work</label></group>"
  "  </section>"
  "  <section id='balance-sharing'><title>Sharing: the other way round</title>"
  "    <group key='share-yes-adv' type='points'><label>Sharing with an employer: advantages</label></group>"
  "    <group key='share-yes-dis' type='points'><label>Sharing with an employer: disadvantages</label></group>"
  "    <group key='share-no-adv' type='points'><label>Not sharing with an employer: advantages</label></group>"
  "    <group key='share-no-dis' type='points'><label>Not sharing with an employer: disadvantages</label></group>"
  "  </section>"
  "  <section id='routine'><title>Daily routine</title>"
  "    <group key='morning' type='points'><label>Morning</label></group>"
  "    <group key='afternoon' type='points'><label>Afternoon</label></group>"
  "    <group key='evening' type='points'><label>Evening</label></group>"
  "    <group key='night' type='points'><label>Night</label></group>"
  "  </section>"
  "  <section id='sharing'><title>Sharing personal information</title>"
  "    <group key='adv-share' type='points'><label>Advantages of sharing</label></group>"
  "    <group key='dis-share' type='points'><label>Disadvantages of sharing</label></group>"
  "    <field key='statement' type='long'><label>My statement for an employer</label></field>"
  "  </section>"
  "  <section id='health' sensitive='health'><title>Health</title>"
  "    <field key='diagnosis' type='text'><label>Diagnosis</label></field>"
  "    <group key='helps' type='points'><label>Things that help</label></group>"
  "  </section>"
  "</form>";

static const char wellbeing_form[] =
  "<form id='test-wellbeing' version='1' order='70'>"
  "  <title>Work health and wellbeing promotion plan</title>"
  "  <description>Prevention is better than cure.</description>"
  "  <section id='keeping-well'><title>Keeping well</title>"
  "    <field key='share-daily' type='yesno'><label>Share this part with my employer</label></field>"
  "    <group key='daily' type='points' share-key='share-daily'>"
  "      <label>The things I need to do every day or week to keep feeling on top of things</label></group>"
  "    <field key='share-manager' type='yesno'><label>Share what my manager can do</label></field>"
  "    <group key='manager' type='points' share-key='share-manager'>"
  "      <label>The things that my manager can do to help me stay on an even keel at work</label></group>"
  "  </section>"
  "  <section id='unwell'><title>If I become unwell at work</title>"
  "    <field key='share-signs' type='yesno'><label>Share the warning signs with my employer</label></field>"
  "    <field key='signs' type='long' share-key='share-signs'><label>Early warning signs</label></field>"
  "    <field key='private' type='long'><label>Notes for the employment specialist</label></field>"
  "  </section>"
  "</form>";

typedef struct
{
  char           *dir;
  IpsFormCatalog *catalog;
  IpsClientFile  *file;
} Fixture;

static void
add_form (IpsFormCatalog *catalog,
          const char     *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsFormDefinition) form = ips_form_definition_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  ips_form_catalog_add (catalog, form);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsFormCatalog) defaults = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ips-odt-XXXXXX", &error);
  g_assert_no_error (error);

  /* The built-in referral form and the test-only ones. */
  defaults = ips_form_catalog_new_default (&error);
  g_assert_no_error (error);
  f->catalog = g_object_new (IPS_TYPE_FORM_CATALOG, NULL);
  for (guint i = 0; i < ips_form_catalog_get_n_forms (defaults); i++)
    ips_form_catalog_add (f->catalog, ips_form_catalog_get_form (defaults, i));
  add_form (f->catalog, plan_form);
  add_form (f->catalog, balance_form);
  add_form (f->catalog, wellbeing_form);

  path = g_build_filename (f->dir, "client.ipsclient", NULL);
  f->file = ips_client_file_create (path, f->catalog, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ips_client_file_close (f->file);
  g_clear_object (&f->file);
  g_clear_object (&f->catalog);
  ips_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
add_point (Fixture    *f,
           const char *form,
           const char *group,
           const char *text)
{
  g_autofree char *row = ips_test_new_row (f->file, form, group);

  ips_test_set_row (f->file, row, IPS_POINT_TEXT_KEY, text);
}

static const char tricky_long[] =
  "  Two spaces before, \"quotes\" & 'apostrophes' <not a tag> &amp;\n"
  "\n"
  "a blank line above,\ttab\t\tand two tabs,   three spaces\n"
  "emoji 😀👩‍👩‍👧 and right to left: مرحبا بالعالم, שלום עולם \n"
  " trailing spaces  ";

static char *
very_long_word (void)
{
  GString *word = g_string_new (NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append (word, "Pneumono");
  return g_string_free (word, FALSE);
}

/* John's record, close to the workbook, with text that is hard to keep. */
static void
fill_record (Fixture *f)
{
  g_autofree char *word = very_long_word ();
  g_autofree char *row = NULL;

  ips_test_set (f->file, "referral", "name", "John");
  ips_test_set (f->file, "referral", "address", "A flat, in the city\nLondon");
  ips_test_set (f->file, "referral", "postcode", "AB12C345");
  ips_test_set (f->file, "referral", "date-of-birth", "1970-01-01");
  ips_test_set (f->file, "referral", "email", "John@home.com");
  ips_test_set (f->file, "referral", "unemployed", "yes");
  ips_test_set (f->file, "referral", "volunteering", "no");
  ips_test_set (f->file, "referral", "meeting-time", "09:00");
  ips_test_set (f->file, "referral", "meeting-date", "2026-01-05");
  ips_test_set (f->file, "referral", "meeting-venue", "Meeting room 1");
  ips_test_set (f->file, "referral", "meeting-requests",
       "John would prefer his social worker Jane to attend the first meeting.");
  ips_test_set (f->file, "referral", "referral-source", "care-coordinator");
  ips_test_set (f->file, "referral", "reasons", "return-to-paid-work;interviews-cv");
  ips_test_set (f->file, "referral", "current-situation", tricky_long);
  ips_test_set (f->file, "referral", "hopes", word);
  ips_test_set (f->file, "referral", "complete-profile", "yes");

  ips_test_set (f->file, "test-plan", "plan-date", "2026-01-05");
  ips_test_set (f->file, "test-plan", "goal", "A part-time job in a library");
  ips_test_set (f->file, "test-plan", "hours", "16");
  row = ips_test_new_row (f->file, "test-plan", "objectives");
  ips_test_set_row (f->file, row, "objective", "Write a CV");
  ips_test_set_row (f->file, row, "actions", "Meet weekly\nWrite a  first draft");
  ips_test_set_row (f->file, row, "responsible", "specialist");
  ips_test_set_row (f->file, row, "completion", "2026-02-05");
  g_clear_pointer (&row, g_free);
  row = ips_test_new_row (f->file, "test-plan", "objectives");
  ips_test_set_row (f->file, row, "objective", "Visit the library & ask about \"volunteering\"");
  ips_test_set (f->file, "test-plan", "client-signature", "M10 10 L 100 40 l 20 -10 C 130 20 140 60 150 30 Q 160 5 170 25 Z");

  add_point (f, "test-balance", "adv-work", "More money");
  add_point (f, "test-balance", "adv-work", "Meeting people");
  add_point (f, "test-balance", "dis-work", "Less free time");
  add_point (f, "test-balance", "adv-not", "No stress of interviews");
  add_point (f, "test-balance", "dis-not", "Boredom");
  add_point (f, "test-balance", "share-yes-adv", "Support at work");
  add_point (f, "test-balance", "share-no-dis", "No adjustments");
  add_point (f, "test-balance", "morning", "Walk the dog");
  add_point (f, "test-balance", "night", "Sleep by 11");
  add_point (f, "test-balance", "adv-share", "Reasonable adjustments");
  add_point (f, "test-balance", "dis-share", "Worry about being judged");
  ips_test_set (f->file, "test-balance", "diagnosis", "Depression");

  ips_test_set (f->file, "test-wellbeing", "share-daily", "yes");
  add_point (f, "test-wellbeing", "daily", "A walk every morning");
  ips_test_set (f->file, "test-wellbeing", "share-manager", "no");
  add_point (f, "test-wellbeing", "manager", "A quiet desk away from the door");
  ips_test_set (f->file, "test-wellbeing", "share-signs", "yes");
  ips_test_set (f->file, "test-wellbeing", "signs", "Shaky hands, not sleeping");
  ips_test_set (f->file, "test-wellbeing", "private", "Private note for the specialist");
}

/* Reading packages */

static GBytes *
export (Fixture           *f,
        const char        *form_id,
        IpsOdtExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GBytes *odt = ips_odt_export (f->file, form_id, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (odt);
  return odt;
}

static zip_t *
open_package (GBytes *odt)
{
  zip_error_t error;
  zip_source_t *source;
  zip_t *zip;

  zip_error_init (&error);
  source = zip_source_buffer_create (g_bytes_get_data (odt, NULL), g_bytes_get_size (odt), 0, &error);
  g_assert_nonnull (source);
  zip = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip == NULL)
    g_error ("not a zip package: %s", zip_error_strerror (&error));
  return zip;
}

/* An entry's contents, or NULL when there is none. */
static GBytes *
read_entry (GBytes     *odt,
            const char *name)
{
  g_autoptr(zip_t) zip = open_package (odt);
  zip_stat_t st;
  zip_file_t *file;
  guint8 *data;

  if (zip_stat (zip, name, 0, &st) < 0)
    return NULL;
  file = zip_fopen (zip, name, 0);
  g_assert_nonnull (file);
  data = g_malloc (st.size + 1);
  g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t)st.size);
  data[st.size] = '\0';   /* so that text entries can be searched as strings */
  zip_fclose (file);
  return g_bytes_new_take (data, st.size);
}

static xmlDoc *
parse_entry (GBytes     *odt,
             const char *name)
{
  g_autoptr(GBytes) bytes = read_entry (odt, name);
  xmlDoc *doc;

  g_assert_nonnull (bytes);
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int)g_bytes_get_size (bytes),
                       name, "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (doc);
  return doc;
}

static gboolean
is_odf (const xmlNode *node,
        const char    *ns,
        const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *)node->ns->href, ns) == 0 &&
         g_strcmp0 ((const char *)node->name, name) == 0;
}

/* A paragraph's text as a reader sees it, following ODF's white-space rules:
 * spaces, tabs and newlines in the XML collapse to one space, dropped at the
 * start and end of a line; text:s, text:tab and text:line-break are kept. */
static void
append_paragraph_text (GString       *text,
                       const xmlNode *node,
                       gboolean      *at_boundary)
{
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE)
        {
          for (const char *p = (const char *)child->content; *p; p++)
            {
              if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                {
                  if (!*at_boundary && text->str[text->len - 1] != ' ')
                    g_string_append_c (text, ' ');
                  while (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' || p[1] == '\r')
                    p++;
                }
              else
                {
                  g_string_append_c (text, *p);
                  *at_boundary = FALSE;
                }
            }
        }
      else if (is_odf (child, NS_TEXT, "s"))
        {
          xmlChar *ns_count = xmlGetNsProp (child, BAD_CAST "c", BAD_CAST NS_TEXT);
          guint n = ns_count ? (guint)g_ascii_strtoull ((const char *)ns_count, NULL, 10) : 1;

          xmlFree (ns_count);
          for (guint i = 0; i < n; i++)
            g_string_append_c (text, '\x01');   /* a kept space, told apart from a collapsed one */
          *at_boundary = FALSE;
        }
      else if (is_odf (child, NS_TEXT, "tab"))
        {
          g_string_append_c (text, '\t');
          *at_boundary = TRUE;
        }
      else if (is_odf (child, NS_TEXT, "line-break"))
        {
          g_string_append_c (text, '\n');
          *at_boundary = TRUE;
        }
      else if (child->type == XML_ELEMENT_NODE &&
               child->ns != NULL && g_strcmp0 ((const char *)child->ns->href, NS_TEXT) == 0)
        append_paragraph_text (text, child, at_boundary);
    }
}

static char *
paragraph_text (const xmlNode *paragraph)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean at_boundary = TRUE;

  append_paragraph_text (text, paragraph, &at_boundary);
  /* collapsed spaces before a line end are not shown */
  for (gsize i = 0; i < text->len; i++)
    if (text->str[i] == ' ' && (i + 1 == text->len || text->str[i + 1] == '\n' || text->str[i + 1] == '\t'))
      g_string_erase (text, i--, 1);
  g_string_replace (text, "\x01", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
style_of (const xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "style-name", BAD_CAST NS_TEXT);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

static void
collect_paragraphs (const xmlNode *node,
                    const char    *style,
                    GPtrArray     *texts)
{
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (is_odf (child, NS_TEXT, "p") || is_odf (child, NS_TEXT, "h"))
        {
          g_autofree char *name = style_of (child);

          if (style == NULL || g_strcmp0 (name, style) == 0)
            g_ptr_array_add (texts, paragraph_text (child));
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_paragraphs (child, style, texts);
    }
}

/* The text of every paragraph and heading of content.xml (@style: only those). */
static GPtrArray *
content_paragraphs (GBytes     *odt,
                    const char *style)
{
  g_autoptr(xmlDoc) doc = parse_entry (odt, "content.xml");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_paragraphs (xmlDocGetRootElement (doc), style, texts);
  return texts;
}

static gboolean
has_paragraph (GPtrArray  *texts,
               const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
mentions (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
collect_tables (const xmlNode *node,
                GPtrArray     *tables)
{
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (is_odf (child, NS_TABLE, "table"))
        g_ptr_array_add (tables, (gpointer)child);
      else if (child->type == XML_ELEMENT_NODE)
        collect_tables (child, tables);
    }
}

static void
collect_rows (const xmlNode *node,
              GPtrArray     *rows)
{
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (is_odf (child, NS_TABLE, "table-row"))
        {
          GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

          for (const xmlNode *cell = child->children; cell; cell = cell->next)
            if (is_odf (cell, NS_TABLE, "table-cell"))
              {
                g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

                collect_paragraphs (cell, NULL, texts);
                g_ptr_array_add (texts, NULL);
                g_ptr_array_add (cells, g_strjoinv ("|", (char **)texts->pdata));
              }
          g_ptr_array_add (rows, cells);
        }
      else if (is_odf (child, NS_TABLE, "table-header-rows"))
        collect_rows (child, rows);
    }
}

/* Every table of content.xml as rows of cells; a cell's paragraphs joined by "|". */
static GPtrArray *
content_tables (GBytes *odt)
{
  g_autoptr(xmlDoc) doc = parse_entry (odt, "content.xml");
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  collect_tables (xmlDocGetRootElement (doc), nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

      collect_rows (g_ptr_array_index (nodes, i), rows);
      g_ptr_array_add (tables, rows);
    }
  return tables;
}

/* The table whose first row is @first_row (cells joined by "/"). */
static GPtrArray *
find_table (GPtrArray  *tables,
            const char *first_row)
{
  for (guint t = 0; t < tables->len; t++)
    {
      GPtrArray *rows = g_ptr_array_index (tables, t);
      GPtrArray *cells = rows->len ? g_ptr_array_index (rows, 0) : NULL;
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint c = 0; cells && c < cells->len; c++)
        g_string_append_printf (joined, "%s%s", c ? "/" : "", (char *)g_ptr_array_index (cells, c));
      if (g_strcmp0 (joined->str, first_row) == 0)
        return rows;
    }
  g_error ("no table begins with “%s”", first_row);
  return NULL;
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            const char * const *expected)
{
  GPtrArray *cells;

  g_assert_cmpuint (index, <, rows->len);
  cells = g_ptr_array_index (rows, index);
  g_assert_cmpuint (cells->len, ==, g_strv_length ((char **)expected));
  for (guint c = 0; c < cells->len; c++)
    g_assert_cmpstr (g_ptr_array_index (cells, c), ==, expected[c]);
}

/* Tests */

static void
test_package (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(zip_t) zip = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GBytes) meta = NULL;
  const guint8 *raw;
  gsize size;
  zip_stat_t st;
  const char *mime = IPS_ODT_MIME_TYPE;

  fill_record (f);
  odt = export (f, "referral", IPS_ODT_EXPORT_DEFAULT);
  raw = g_bytes_get_data (odt, &size);

  /* The local header of the first entry, at offset 0: "mimetype", stored,
   * no extra field, and the media type readable at offset 38. */
  g_assert_cmpuint (size, >, 38 + strlen (mime));
  g_assert_cmpmem (raw, 4, "PK\x03\x04", 4);
  g_assert_cmpuint (raw[8] | raw[9] << 8, ==, 0);                 /* stored */
  g_assert_cmpuint (raw[26] | raw[27] << 8, ==, strlen ("mimetype"));
  g_assert_cmpuint (raw[28] | raw[29] << 8, ==, 0);               /* extra field length */
  g_assert_cmpmem (raw + 30, 8, "mimetype", 8);
  g_assert_cmpmem (raw + 38, strlen (mime), mime, strlen (mime));

  zip = open_package (odt);
  g_assert_cmpstr (zip_get_name (zip, 0, 0), ==, "mimetype");
  g_assert_cmpint (zip_stat_index (zip, 0, 0, &st), ==, 0);
  g_assert_cmpuint (st.comp_method, ==, ZIP_CM_STORE);
  g_assert_cmpuint (st.size, ==, strlen (mime));
  g_assert_cmpint (zip_file_extra_fields_count (zip, 0, ZIP_FL_LOCAL), ==, 0);
  g_assert_cmpint (zip_file_extra_fields_count (zip, 0, ZIP_FL_CENTRAL), ==, 0);
  for (const char * const *name = (const char *[]) { "content.xml", "styles.xml", "meta.xml",
                                                      "META-INF/manifest.xml", NULL };
       *name; name++)
    g_assert_cmpint (zip_name_locate (zip, *name, 0), >, 0);

  manifest = read_entry (odt, "META-INF/manifest.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest),
                                  "manifest:full-path=\"/\" manifest:version=\"1.3\" "
                                  "manifest:media-type=\"application/vnd.oasis.opendocument.text\""));
  meta = read_entry (odt, "meta.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (meta, NULL), g_bytes_get_size (meta),
                                  "<meta:generator>" PACKAGE_NAME " " PACKAGE_VERSION "</meta:generator>"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (meta, NULL), g_bytes_get_size (meta),
                                  "<dc:title>Referral form: John</dc:title>"));
}

static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GPtrArray) blanks = NULL;
  g_autoptr(GPtrArray) all = NULL;

  fill_record (f);
  odt = export (f, "referral", IPS_ODT_EXPORT_DEFAULT);

  all = content_paragraphs (odt, NULL);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "John");
  g_assert_cmpstr (g_ptr_array_index (all, 1), ==, "Referral form");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (all, 2), "Date: "));

  headings = content_paragraphs (odt, "Heading_20_2");
  g_assert_cmpuint (headings->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, "Client");
  g_assert_cmpstr (g_ptr_array_index (headings, 4), ==, "Plan of action (employment specialist)");

  labels = content_paragraphs (odt, "Label");
  answers = content_paragraphs (odt, "Answer");
  options = content_paragraphs (odt, "Option");
  blanks = content_paragraphs (odt, "Blank");
  g_assert_true (has_paragraph (labels, "Client name"));
  g_assert_true (has_paragraph (labels, "Telephone"));              /* empty, still there */
  g_assert_false (has_paragraph (labels, "If volunteering, for how long"));   /* volunteering: no */
  g_assert_true (has_paragraph (answers, "1 January 1970"));
  g_assert_true (has_paragraph (answers, "5 January 2026"));
  g_assert_true (has_paragraph (answers, "09:00"));
  g_assert_true (has_paragraph (answers, "Yes"));
  g_assert_true (has_paragraph (answers, "No"));
  g_assert_true (has_paragraph (answers, "Care co-ordinator"));
  g_assert_true (has_paragraph (options, "☑ Return to paid employment"));
  g_assert_true (has_paragraph (options, "☐ Help looking into on-the-job training"));
  g_assert_true (has_paragraph (options, "☑ Practice interviewing / CV writing"));
  /* an unanswered choice lists its options to tick */
  g_assert_true (has_paragraph (options, "☐ Vocational lead"));
  g_assert_cmpuint (blanks->len, >=, 4);
}

static void
test_empty_record (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) odt = export (f, "referral", IPS_ODT_EXPORT_DEFAULT);
  g_autoptr(GPtrArray) labels = content_paragraphs (odt, "Label");
  g_autoptr(GPtrArray) all = content_paragraphs (odt, NULL);
  g_autoptr(GPtrArray) blanks = content_paragraphs (odt, "Blank");
  IpsFormDefinition *form = ips_form_catalog_lookup (f->catalog, "referral");
  GPtrArray *fields = ips_form_definition_get_all_fields (form);

  /* every question is there to be answered by hand */
  g_assert_cmpuint (labels->len, ==, fields->len);
  for (guint i = 0; i < fields->len; i++)
    g_assert_true (has_paragraph (labels, ips_field_definition_get_label (g_ptr_array_index (fields, i))));
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "Client");
  g_assert_true (has_paragraph (all, "☐ Yes    ☐ No"));
  g_assert_cmpuint (blanks->len, >=, 15);
}

static void
test_text_exact (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *word = very_long_word ();
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GBytes) meta = NULL;
  const char *name = "Zoë O’Brien-Smith & “Jo” <b>";
  const char *one_line = "  leading, inner  double,\ttab & trailing  ";

  fill_record (f);
  ips_test_set (f->file, "referral", "name", name);
  ips_test_set (f->file, "referral", "postcode", one_line);
  odt = export (f, NULL, IPS_ODT_EXPORT_DEFAULT);

  answers = content_paragraphs (odt, "Answer");
  g_assert_true (has_paragraph (answers, tricky_long));
  g_assert_true (has_paragraph (answers, word));
  g_assert_true (has_paragraph (answers, one_line));
  g_assert_true (has_paragraph (answers, name));
  g_assert_true (has_paragraph (answers, "A flat, in the city\nLondon"));

  g_clear_pointer (&answers, g_ptr_array_unref);
  answers = content_paragraphs (odt, "FirstParagraph");
  g_assert_cmpuint (answers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (answers, 0), ==, name);

  /* the same in table cells */
  tables = content_tables (odt);
  {
    GPtrArray *rows = find_table (tables, "Objective/Actions / strategies/Responsible/Completion date");

    g_assert_cmpuint (rows->len, ==, 3);
    assert_row (rows, 1, (const char *[]) { "Write a CV", "Meet weekly\nWrite a  first draft",
                                            "Employment specialist", "5 February 2026", NULL });
    assert_row (rows, 2, (const char *[]) { "Visit the library & ask about \"volunteering\"", "", "", "", NULL });
  }

  meta = read_entry (odt, "meta.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (meta, NULL), g_bytes_get_size (meta),
                                  "<dc:title>Client record: Zoë O’Brien-Smith &amp; “Jo” &lt;b&gt;</dc:title>"));
}

static void
test_tables (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  GPtrArray *rows;

  fill_record (f);
  odt = export (f, "test-balance", IPS_ODT_EXPORT_DEFAULT);
  tables = content_tables (odt);

  /* "Advantages of returning to work" and the others make a 2 x 2 grid */
  rows = find_table (tables, "/Advantages/Disadvantages");
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 1, (const char *[]) { "Returning to work", "More money|Meeting people", "Less free time", NULL });
  assert_row (rows, 2, (const char *[]) { "Not returning to work", "No stress of interviews", "Boredom", NULL });

  /* the same with the parts the other way round */
  rows = find_table (tables, "/Advantages/Disadvantages");
  rows = NULL;
  for (guint t = 0; t < tables->len && rows == NULL; t++)
    {
      GPtrArray *candidate = g_ptr_array_index (tables, t);
      GPtrArray *second = candidate->len > 1 ? g_ptr_array_index (candidate, 1) : NULL;

      if (second && g_strcmp0 (g_ptr_array_index (second, 0), "Sharing with an employer") == 0)
        rows = candidate;
    }
  g_assert_nonnull (rows);
  assert_row (rows, 0, (const char *[]) { "", "Advantages", "Disadvantages", NULL });
  assert_row (rows, 1, (const char *[]) { "Sharing with an employer", "Support at work", "", NULL });
  assert_row (rows, 2, (const char *[]) { "Not sharing with an employer", "", "No adjustments", NULL });

  /* four lists whose labels make no grid: each cell names its list */
  rows = find_table (tables, "Morning|Walk the dog/Afternoon");
  assert_row (rows, 1, (const char *[]) { "Evening", "Night|Sleep by 11", NULL });

  /* two lists side by side */
  rows = find_table (tables, "Advantages of sharing/Disadvantages of sharing");
  assert_row (rows, 1, (const char *[]) { "Reasonable adjustments", "Worry about being judged", NULL });

  /* one list on its own: a column, with blank rows to fill in; health included */
  rows = find_table (tables, "Things that help");
  g_assert_cmpuint (rows->len, ==, 4);
  headings = content_paragraphs (odt, "Heading_20_2");
  g_assert_true (has_paragraph (headings, "Health"));
}

static void
test_signature (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *d = NULL;
  xmlNode *root, *path = NULL;

  fill_record (f);
  odt = export (f, "test-plan", IPS_ODT_EXPORT_DEFAULT);

  svg = read_entry (odt, "Pictures/signature-1.svg");
  g_assert_nonnull (svg);
  g_assert_null (read_entry (odt, "Pictures/signature-2.svg"));
  doc = xmlReadMemory (g_bytes_get_data (svg, NULL), (int)g_bytes_get_size (svg), "svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *)root->name, ==, "svg");
  for (xmlNode *child = root->children; child; child = child->next)
    if (ips_xml_is (child, "path"))
      path = child;
  g_assert_nonnull (path);
  d = ips_xml_get_attr (path, "d");
  g_assert_cmpstr (d, ==, "M 10 10 L 100 40 L 120 30 C 130 20 140 60 150 30 Q 160 5 170 25 Z");

  manifest = read_entry (odt, "META-INF/manifest.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest),
                                  "manifest:full-path=\"Pictures/signature-1.svg\" manifest:media-type=\"image/svg+xml\""));
  content = read_entry (odt, "content.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                                  "xlink:href=\"Pictures/signature-1.svg\""));

  /* a signature line for each; the unsigned one to sign by hand */
  lines = content_paragraphs (odt, "Signature_20_Line");
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, 0), "Signature: "));
  g_assert_nonnull (strstr (g_ptr_array_index (lines, 0), "Date: "));
  g_assert_null (strstr (g_ptr_array_index (lines, 0), "Date: ___"));
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==,
                   "Signature: ______________________________    Date: ______________");

  /* something that is not a path is never put in the package */
  ips_test_set (f->file, "test-plan", "client-signature", "M 10 10 L 20 20 <script>alert(1)</script>");
  g_clear_pointer (&odt, g_bytes_unref);
  odt = export (f, "test-plan", IPS_ODT_EXPORT_DEFAULT);
  g_assert_null (read_entry (odt, "Pictures/signature-1.svg"));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = content_paragraphs (odt, "Signature_20_Line");
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "Signature: ______________________________    Date: ______________");
}

static void
test_employer_copy (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GBytes) record = NULL;
  g_autoptr(GPtrArray) full_texts = NULL;
  g_autoptr(GPtrArray) copy_texts = NULL;
  g_autoptr(GPtrArray) record_texts = NULL;
  g_autoptr(GBytes) meta = NULL;

  fill_record (f);
  full = export (f, "test-wellbeing", IPS_ODT_EXPORT_DEFAULT);
  copy = export (f, "test-wellbeing", IPS_ODT_EXPORT_EMPLOYER_COPY);
  full_texts = content_paragraphs (full, NULL);
  copy_texts = content_paragraphs (copy, NULL);

  for (const char * const *text = (const char *[]) { "A walk every morning", "A quiet desk away from the door",
                                                     "Shaky hands, not sleeping", "Private note for the specialist",
                                                     "Share this part with my employer", NULL };
       *text; text++)
    g_assert_true (has_paragraph (full_texts, *text));

  g_assert_cmpstr (g_ptr_array_index (copy_texts, 0), ==, "John");
  g_assert_cmpstr (g_ptr_array_index (copy_texts, 1), ==, "Work health and wellbeing promotion plan");
  g_assert_true (has_paragraph (copy_texts, "A walk every morning"));
  g_assert_true (has_paragraph (copy_texts, "Shaky hands, not sleeping"));
  g_assert_false (mentions (copy_texts, "A quiet desk"));
  g_assert_false (mentions (copy_texts, "my manager can do"));
  g_assert_false (mentions (copy_texts, "Private note"));
  g_assert_false (mentions (copy_texts, "Notes for the employment specialist"));
  g_assert_false (mentions (copy_texts, "Share this part"));
  meta = read_entry (copy, "meta.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (meta, NULL), g_bytes_get_size (meta), "(employer copy)"));

  /* the whole record as an employer copy holds only forms with shareable parts */
  record = export (f, NULL, IPS_ODT_EXPORT_EMPLOYER_COPY);
  record_texts = content_paragraphs (record, NULL);
  g_assert_true (has_paragraph (record_texts, "A walk every morning"));
  g_assert_false (mentions (record_texts, "Referral form"));
  g_assert_false (mentions (record_texts, "Depression"));
  g_assert_false (mentions (record_texts, "A quiet desk"));

  /* nothing shared: the title and name stay, and a note says so */
  ips_test_set (f->file, "test-wellbeing", "share-daily", "no");
  g_assert_true (ips_client_file_set_value (f->file, "test-wellbeing", "share-signs", NULL, NULL));
  g_clear_pointer (&copy, g_bytes_unref);
  g_clear_pointer (&copy_texts, g_ptr_array_unref);
  copy = export (f, "test-wellbeing", IPS_ODT_EXPORT_EMPLOYER_COPY);
  copy_texts = content_paragraphs (copy, NULL);
  g_assert_cmpstr (g_ptr_array_index (copy_texts, 0), ==, "John");
  g_assert_false (mentions (copy_texts, "A walk every morning"));
  g_assert_false (mentions (copy_texts, "Shaky hands"));
  g_assert_true (has_paragraph (copy_texts, "Nothing on this form is marked for sharing with the employer."));
}

static void
test_whole_record (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) breaks = NULL;

  fill_record (f);
  odt = export (f, NULL, IPS_ODT_EXPORT_DEFAULT);
  titles = content_paragraphs (odt, "Title");
  g_assert_cmpuint (titles->len, ==, ips_form_catalog_get_n_forms (f->catalog));
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Referral form");
  for (guint i = 0; i < titles->len; i++)
    g_assert_cmpstr (g_ptr_array_index (titles, i), ==,
                     ips_form_definition_get_title (ips_form_catalog_get_form (f->catalog, i)));
  /* each later form begins on a new page */
  breaks = content_paragraphs (odt, "NewPage");
  g_assert_cmpuint (breaks->len, ==, titles->len - 1);
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) meta = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(zip_t) zip = NULL;
  zip_stat_t st;
  g_autofree char *saved = g_strdup (g_getenv ("SOURCE_DATE_EPOCH"));

  fill_record (f);
  g_setenv ("SOURCE_DATE_EPOCH", "1767603600", TRUE);   /* 2026-01-05 09:00 UTC */
  first = export (f, NULL, IPS_ODT_EXPORT_DEFAULT);
  g_usleep (1100 * 1000);   /* across a second boundary */
  second = export (f, NULL, IPS_ODT_EXPORT_DEFAULT);
  if (saved)
    g_setenv ("SOURCE_DATE_EPOCH", saved, TRUE);
  else
    g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_true (g_bytes_equal (first, second));

  meta = read_entry (first, "meta.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (meta, NULL), g_bytes_get_size (meta),
                                  "<meta:creation-date>2026-01-05T09:00:00Z</meta:creation-date>"));
  styles = read_entry (first, "styles.xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (styles, NULL), g_bytes_get_size (styles),
                                  "exported 5 January 2026 at 09:00"));
  zip = open_package (first);
  g_assert_cmpint (zip_stat_index (zip, 0, 0, &st), ==, 0);
  g_assert_true (st.valid & ZIP_STAT_MTIME);
  /* DOS times have two-second steps and no time zone */
  g_assert_cmpint (llabs ((long long)st.mtime - 1767603600LL), <=, 14 * 3600 + 2);
}

/* The strict ODF 1.3 check, when the schemas are beside the checkout. */
static void
run_check_odt (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  const char *argv[] = { IPS_CHECK_ODT, path, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-odt failed for %s:\n%s%s", path, out, err);
  g_test_message ("%s: %s", path, strrchr (g_strchomp (out), '\n') ? strrchr (out, '\n') + 1 : out);
}

static void
test_check_odt (Fixture       *f,
                gconstpointer  data)
{
  struct
  {
    const char        *form;
    IpsOdtExportFlags  flags;
    const char        *name;
  } cases[] = {
    { NULL, IPS_ODT_EXPORT_DEFAULT, "empty-record.odt" },
    { "referral", IPS_ODT_EXPORT_DEFAULT, "referral.odt" },
    { "test-plan", IPS_ODT_EXPORT_DEFAULT, "plan.odt" },
    { "test-balance", IPS_ODT_EXPORT_DEFAULT, "balance.odt" },
    { "test-wellbeing", IPS_ODT_EXPORT_DEFAULT, "wellbeing.odt" },
    { "test-wellbeing", IPS_ODT_EXPORT_EMPLOYER_COPY, "wellbeing-employer.odt" },
    { NULL, IPS_ODT_EXPORT_DEFAULT, "record.odt" },
  };
  const char *keep = g_getenv ("IPS_TEST_KEEP_ODT");

  if (!g_file_test (IPS_CHECK_ODT, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("The ODF 1.3 schema check was not run: " IPS_CHECK_ODT " is not there "
                   "(it is beside the checkout in CI)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (keep ? keep : f->dir, cases[i].name, NULL);

      if (i == 1)
        fill_record (f);
      ips_odt_export_to_file (f->file, cases[i].form, cases[i].flags, path, &error);
      g_assert_no_error (error);
      run_check_odt (path);
    }
}

/* The action plan: the date signed on the signature line, and a note when
 * the plan changed after signing; its date and version are not answers. */
static void
test_signature_version (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  ips_test_set (f->file, "action-plan", "date", "2026-01-20");
  ips_test_set (f->file, "action-plan", "job-goal", "Web design or computer repairs");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_JANUARY, 2026);
  ips_signature_sign (f->file, "action-plan", "client-signature", "M 10 10 L 100 40 L 120 30", &date, &error);
  g_assert_no_error (error);

  odt = export (f, "action-plan", IPS_ODT_EXPORT_DEFAULT);
  picture = read_entry (odt, "Pictures/signature-1.svg");
  g_assert_nonnull (picture);
  lines = content_paragraphs (odt, "Signature_20_Line");
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (lines, 0), "Date: 20 January 2026"));
  notes = content_paragraphs (odt, "Signature_20_Note");
  g_assert_cmpuint (notes->len, ==, 0);
  labels = content_paragraphs (odt, "Label");
  g_assert_false (has_paragraph (labels, "Date signed"));
  g_assert_false (has_paragraph (labels, "Version of the plan signed"));

  ips_test_set (f->file, "action-plan", "job-goal", "Computer repairs");
  g_clear_pointer (&odt, g_bytes_unref);
  g_clear_pointer (&notes, g_ptr_array_unref);
  odt = export (f, "action-plan", IPS_ODT_EXPORT_DEFAULT);
  notes = content_paragraphs (odt, "Signature_20_Note");
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes, 0), ==,
                   "Signed on 20 January 2026 for an earlier version of this plan");

  if (g_file_test (IPS_CHECK_ODT, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autofree char *path = g_build_filename (f->dir, "signed-plan.odt", NULL);

      ips_odt_export_to_file (f->file, "action-plan", IPS_ODT_EXPORT_DEFAULT, path, &error);
      g_assert_no_error (error);
      run_check_odt (path);
    }
}

static guint
count_pdf_pages (GBytes *pdf)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autoptr(GRegex) regex = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match_full (regex, data, (gssize)size, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }
  return n;
}

/* John's whole record, from the shipped example: the strict ODF check, and
 * LibreOffice's conversion to PDF when it is installed (it is not in CI). */
static void
test_john_record (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autofree char *client = g_build_filename (f->dir, "John.ipsclient", NULL);
  g_autofree char *odt = g_build_filename (f->dir, "john.odt", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "john.pdf", NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(IpsFormCatalog) catalog = NULL;
  g_autoptr(IpsClientFile) john = NULL;
  g_autoptr(GError) error = NULL;
  gboolean checked = FALSE;

  catalog = ips_form_catalog_new_default (&error);
  g_assert_no_error (error);
  xml = ips_test_read_bytes (example);
  g_assert_nonnull (xml);
  john = ips_xml_import (xml, client, catalog, &error);
  g_assert_no_error (error);
  ips_odt_export_to_file (john, NULL, IPS_ODT_EXPORT_DEFAULT, odt, &error);
  g_assert_no_error (error);

  /* His action plan's objectives fill more than a page: that table may break
   * between rows (kept whole, it would leave its question alone on a page);
   * his two short reviews are kept together. */
  {
    g_autoptr(GBytes) plan = ips_odt_export (john, "action-plan", IPS_ODT_EXPORT_DEFAULT, &error);
    g_autoptr(GBytes) content = NULL;
    const char *text;

    g_assert_no_error (error);
    content = read_entry (plan, "content.xml");
    text = g_bytes_get_data (content, NULL);
    g_assert_nonnull (strstr (text, "<table:table table:name=\"Table1\" table:style-name=\"Table\">"));
    g_assert_nonnull (strstr (text, "<table:table table:name=\"Table2\" table:style-name=\"ShortTable\">"));
  }

  if (g_file_test (IPS_CHECK_ODT, G_FILE_TEST_IS_EXECUTABLE))
    {
      run_check_odt (odt);
      checked = TRUE;
    }
  else
    g_test_message ("The ODF 1.3 schema check was not run: " IPS_CHECK_ODT " is not there");

  if (soffice != NULL)
    {
      g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", f->dir, "/lo-profile", NULL);
      const char *argv[] = { soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", f->dir, odt, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("soffice could not convert %s:\n%s%s", odt, out, err);
      pdf = ips_test_read_bytes (pdf_path);
      g_assert_nonnull (pdf);
      g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
      /* each form starts a page */
      g_assert_cmpuint (count_pdf_pages (pdf), >=, ips_form_catalog_get_n_forms (catalog));
      g_test_message ("LibreOffice laid John's record out on %u pages", count_pdf_pages (pdf));
      checked = TRUE;
    }
  else
    g_test_message ("soffice is not installed: the ODT was not converted to PDF");

  ips_client_file_close (john);
  if (!checked)
    g_test_skip ("Neither check-odt nor soffice is here: John's ODT was only written");
}

/* Output errors */

static GStrv
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *name;
  GStrv result;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_strv_builder_add (names, name);
  result = g_strv_builder_end (names);
  return result;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static GStrv
sorted_listing (const char *path)
{
  GStrv names = list_dir (path);

  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  return names;
}

static void
assert_listing (const char *path,
                GStrv       expected)
{
  g_auto(GStrv) names = sorted_listing (path);

  g_assert_true (g_strv_equal ((const char * const *)names, (const char * const *)expected));
}

static void
test_errors_missing_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = sorted_listing (f->dir);
  g_autofree char *path = g_build_filename (f->dir, "missing", "out.odt", NULL);

  g_assert_false (ips_odt_export_to_file (f->file, NULL, IPS_ODT_EXPORT_DEFAULT, path, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  assert_listing (f->dir, before);
}

static void
test_errors_unwritable_folder (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "read-only", NULL);
  g_autofree char *path = g_build_filename (folder, "out.odt", NULL);
  g_auto(GStrv) empty = g_new0 (char *, 1);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  if (geteuid () != 0)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
      g_assert_false (ips_odt_export_to_file (f->file, NULL, IPS_ODT_EXPORT_DEFAULT, path, &error));
      g_assert_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED);
      g_assert_nonnull (strstr (error->message, "permission"));
    }
  else
    {
      /* root writes anywhere: try as nobody, in a child process */
      pid_t pid;
      int status = 0;

      g_assert_cmpint (g_chmod (f->dir, 0711), ==, 0);
      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      fflush (stdout);
      fflush (stderr);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          GError *error = NULL;
          gboolean ok;

          if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
            _exit (10);
          ok = ips_odt_export_to_file (f->file, NULL, IPS_ODT_EXPORT_DEFAULT, path, &error);
          if (ok)
            _exit (11);
          if (!g_error_matches (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED) ||
              strstr (error->message, "permission") == NULL)
            _exit (12);
          _exit (0);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  assert_listing (folder, empty);
}

static void
write_old (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_errors_replace (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (folder, "record.odt", NULL);
  g_auto(GStrv) only_output = g_strdupv ((char *[]) { "record.odt", NULL });
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  struct stat st;
  void (*saved_handler) (int);

  fill_record (f);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  write_old (path);

  /* a failed export leaves the old file alone */
  g_assert_false (ips_odt_export_to_file (f->file, "no-such-form", IPS_ODT_EXPORT_DEFAULT, path, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM);
  g_clear_error (&error);
  assert_contents (path, "old");
  assert_listing (folder, only_output);

  /* so does a write that fails half way (here: a file size limit) */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 1000;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (ips_odt_export_to_file (f->file, NULL, IPS_ODT_EXPORT_DEFAULT, path, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_contents (path, "old");
  assert_listing (folder, only_output);

  /* a folder in the way */
  {
    g_autofree char *taken = g_build_filename (folder, "taken.odt", NULL);
    g_auto(GStrv) both = g_strdupv ((char *[]) { "record.odt", "taken.odt", NULL });

    g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
    g_assert_false (ips_odt_export_to_file (f->file, NULL, IPS_ODT_EXPORT_DEFAULT, taken, &error));
    g_assert_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED);
    g_clear_error (&error);
    assert_listing (folder, both);
    g_rmdir (taken);
  }

  /* a successful export replaces it, readable by its owner only */
  g_assert_true (ips_odt_export_to_file (f->file, NULL, IPS_ODT_EXPORT_DEFAULT, path, &error));
  g_assert_no_error (error);
  assert_listing (folder, only_output);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/odt/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("package", test_package);
  ADD ("layout", test_layout);
  ADD ("empty-record", test_empty_record);
  ADD ("text-exact", test_text_exact);
  ADD ("tables", test_tables);
  ADD ("signature", test_signature);
  ADD ("signature-version", test_signature_version);
  ADD ("employer-copy", test_employer_copy);
  ADD ("whole-record", test_whole_record);
  ADD ("deterministic", test_deterministic);
  ADD ("check-odt", test_check_odt);
  ADD ("john-record", test_john_record);
  ADD ("errors/missing-folder", test_errors_missing_folder);
  ADD ("errors/unwritable-folder", test_errors_unwritable_folder);
  ADD ("errors/replace", test_errors_replace);

  return g_test_run ();
}
