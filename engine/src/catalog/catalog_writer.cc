#include "catalog/catalog_writer.h"

#include "catalog/catalog_format.h"
#include "catalog/system_tables.h"
#include "format/endian.h"
#include "key/index_entry_key.h"
#include "record/record_format.h"

namespace jet {

namespace {

RecordFormat FormatOf(uint32_t page_size) {
  RecordFormat f;
  f.page_size = page_size;
  f.new_tagged_format = true;
  return f;
}

}  // namespace

CatalogWriter::CatalogWriter(const PageWriteContext& ctx, PageAllocator* space, uint32_t page_size)
    : ctx_(ctx), space_(space), page_size_(page_size) {}

JET_ERR CatalogWriter::Open() {
  JET_ERR err = BTree::Open(ctx_.cache, ctx_.file, kCatalogPgno, kCatalogObjid, &catalog_);
  if (err >= 0) {
    err = BTree::Open(ctx_.cache, ctx_.file, kShadowCatalogPgno, kShadowCatalogObjid, &shadow_);
  }
  if (err >= 0) {
    err = BTree::Open(ctx_.cache, ctx_.file, kCatalogNameIndexPgno, kCatalogNameIndexObjid,
                      &name_index_);
  }
  if (err >= 0) {
    err = BTree::Open(ctx_.cache, ctx_.file, kCatalogRootObjectsIndexPgno,
                      kCatalogRootObjectsIndexObjid, &root_objects_index_);
  }
  if (err < 0) return err;
  const TableDef mso = CatalogTableDef();
  err = mso.indexes[1].ToIndexKeyDef(page_size_, &name_def_);
  if (err >= 0) err = mso.indexes[2].ToIndexKeyDef(page_size_, &root_objects_def_);
  return err;
}

JET_ERR CatalogWriter::SecondaryKey(const IndexKeyDef& def, const CatalogEntry& e,
                                    bool root_objects, std::vector<uint8_t>* key,
                                    bool* skip) const {
  *skip = false;
  std::vector<KeyColumnValue> values;
  uint8_t objid[4];
  uint8_t type[2];
  uint8_t root = 0xff;
  StoreLE32(objid, e.objid_table);
  StoreLE16(type, static_cast<uint16_t>(e.type));
  const std::span<const uint8_t> name(reinterpret_cast<const uint8_t*>(e.name.data()),
                                      e.name.size());
  if (root_objects) {
    // RootObjects ignores rows whose RootFlag (its first segment) is NULL.
    if (!e.root_flag.has_value() || !*e.root_flag) {
      *skip = true;
      return JET_errSuccess;
    }
    values.push_back(KeyColumnValue{std::span<const uint8_t>(&root, 1), false});
  } else {
    values.push_back(KeyColumnValue{std::span<const uint8_t>(objid, 4), false});
    values.push_back(KeyColumnValue{std::span<const uint8_t>(type, 2), false});
  }
  values.push_back(KeyColumnValue{name, false});
  IndexEntryKeyInfo info;
  return BuildIndexEntryKey(def, values, key, &info);
}

JET_ERR CatalogWriter::Insert(const CatalogEntry& entry) {
  std::vector<uint8_t> record;
  JET_ERR err = EncodeCatalogEntry(entry, FormatOf(page_size_), &record);
  if (err < 0) return err;
  const std::vector<uint8_t> key = CatalogEntryKey(entry);
  std::vector<uint8_t> name_key;
  std::vector<uint8_t> root_key;
  bool skip_name = false;
  bool skip_root = false;
  err = SecondaryKey(name_def_, entry, false, &name_key, &skip_name);
  if (err >= 0) err = SecondaryKey(root_objects_def_, entry, true, &root_key, &skip_root);
  if (err < 0) return err;

  BTreeWriter primary(catalog_, ctx_, space_);
  BTreeWriter name(name_index_, ctx_, space_);
  BTreeWriter root(root_objects_index_, ctx_, space_);
  BTreeWriter shadow(shadow_, ctx_, space_);
  err = primary.Insert(key, record);
  if (err < 0) return err;
  err = name.Insert(name_key, key);
  if (err < 0) {
    (void)primary.Delete(key);
    return err;
  }
  if (!skip_root) {
    err = root.Insert(root_key, key);
    if (err < 0) {
      (void)name.Delete(name_key);
      (void)primary.Delete(key);
      return err;
    }
  }
  err = shadow.Insert(key, record);
  if (err < 0) {
    if (!skip_root) (void)root.Delete(root_key);
    (void)name.Delete(name_key);
    (void)primary.Delete(key);
    return err;
  }
  return JET_errSuccess;
}

JET_ERR CatalogWriter::InsertAll(const std::vector<CatalogEntry>& entries) {
  for (size_t i = 0; i < entries.size(); ++i) {
    const JET_ERR err = Insert(entries[i]);
    if (err < 0) {
      while (i-- > 0) (void)Delete(entries[i]);
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR CatalogWriter::Delete(const CatalogEntry& entry) {
  const std::vector<uint8_t> key = CatalogEntryKey(entry);
  std::vector<uint8_t> name_key;
  std::vector<uint8_t> root_key;
  bool skip_name = false;
  bool skip_root = false;
  JET_ERR err = SecondaryKey(name_def_, entry, false, &name_key, &skip_name);
  if (err >= 0) err = SecondaryKey(root_objects_def_, entry, true, &root_key, &skip_root);
  if (err < 0) return err;
  BTreeWriter primary(catalog_, ctx_, space_);
  BTreeWriter name(name_index_, ctx_, space_);
  BTreeWriter root(root_objects_index_, ctx_, space_);
  BTreeWriter shadow(shadow_, ctx_, space_);
  err = primary.Delete(key);
  if (err < 0) return err;
  // The rest follow the primary row; a missing copy is not worth failing for.
  (void)name.Delete(name_key);
  if (!skip_root) (void)root.Delete(root_key);
  (void)shadow.Delete(key);
  return JET_errSuccess;
}

JET_ERR CatalogWriter::Replace(const CatalogEntry& entry) {
  std::vector<uint8_t> record;
  JET_ERR err = EncodeCatalogEntry(entry, FormatOf(page_size_), &record);
  if (err < 0) return err;
  const std::vector<uint8_t> key = CatalogEntryKey(entry);
  BTreeWriter primary(catalog_, ctx_, space_);
  BTreeWriter shadow(shadow_, ctx_, space_);
  err = primary.Replace(key, record);
  if (err >= 0) err = shadow.Replace(key, record);
  return err;
}

}  // namespace jet
