// The record write path of the C API: JetPrepareUpdate, JetSetColumn(s),
// JetUpdate(2), JetDelete, JetGetLock. The copy buffer is table/
// record_update.h's RecordUpdate, kept in the cursor; the B-tree work is
// table/table_writer.h's, run in a transaction of its own outside one and
// in a nested level inside one, so a failed update leaves nothing
// (write_call.h RunInTransaction).
//
// ESE's rules followed here: JET_prepInsert / JET_prepInsertCopy take the
// next autoincrement value at prepare; JET_prepReplace takes the record's
// write lock at prepare inside a transaction (JET_errWriteConflict then);
// JET_prepReplaceNoLock, and JET_prepReplace outside a transaction, take no
// lock: JetUpdate then fails with JET_errWriteConflict if the record changed
// since the prepare (ESE keeps a checksum of it), the update staying
// prepared; a read-only database or cursor (JET_bitTableReadOnly) refuses
// JetPrepareUpdate and JetDelete with JET_errPermissionDenied; JetUpdate
// without a prepared update is JET_errUpdateNotPrepared, a second prepare
// JET_errAlreadyPrepared; a failed JetUpdate keeps the copy buffer.

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "api/write_call.h"
#include "esent.h"
#include "table/long_value_reader.h"
#include "table/record_update.h"
#include "table/table_writer.h"

namespace {

using jet::Session;
using jet::TableCursor;
using jet::TableWriter;

TableWriter WriterFor(Session& session, TableCursor& c) {
  return TableWriter(c.database_ptr(), c.version_db_id(), c.table(), session.transactions(),
                     session.txn);
}

JET_ERR Prepare(Session& session, TableCursor& c, unsigned long prep) {
  if (prep == JET_prepCancel) {
    if (c.update() == nullptr) return JET_errUpdateNotPrepared;
    c.ClearUpdate();
    return JET_errSuccess;
  }
  if (prep != JET_prepInsert && prep != JET_prepReplace && prep != JET_prepReplaceNoLock &&
      prep != JET_prepInsertCopy) {
    return JET_errInvalidParameter;
  }
  if (c.database().read_only() || c.read_only()) return JET_errPermissionDenied;
  if (session.WritesRefused()) return JET_errTransReadOnly;
  if (c.update() != nullptr) return JET_errAlreadyPrepared;
  TableWriter writer = WriterFor(session, c);
  if (const JET_ERR err = writer.Open(); err < 0) return err;
  const bool needs_record = prep != JET_prepInsert;
  std::vector<uint8_t> current;
  std::vector<uint8_t> pk;
  if (needs_record) {
    if (!c.OnRecord()) return JET_errNoCurrentRecord;
    if (const JET_ERR err = c.RefreshIfStale(); err < 0) return err;
    if (c.current_deleted()) return JET_errRecordDeleted;
    current = c.current_record();
    pk = c.CurrentPrimaryKey();
  }
  if (prep == JET_prepReplace && session.txn.active()) {
    if (const JET_ERR err = writer.Lock(pk); err < 0) return err;
  }
  uint64_t autoinc = 0;
  if (prep == JET_prepInsert || prep == JET_prepInsertCopy) {
    if (const JET_ERR err = writer.NextAutoincrement(&autoinc); err < 0) return err;
  }
  std::optional<jet::BTree> lv_tree;
  if (c.table().long_values) {
    jet::BTree t;
    if (const JET_ERR err = c.database().OpenTree(c.table().long_values->pgno_fdp,
                                                  c.table().long_values->objid, &t);
        err < 0) {
      return err;
    }
    lv_tree = t;
  }
  jet::LvFetcher fetch = [lv_tree](jet::LvId lid, std::vector<uint8_t>* value) -> JET_ERR {
    if (!lv_tree) return JET_errLVCorrupted;
    return jet::ReadLongValue(*lv_tree, lid, value);
  };
  auto update = std::make_unique<jet::RecordUpdate>();
  if (const JET_ERR err = jet::RecordUpdate::Prepare(c.table(), c.database().page_size(),
                                                     static_cast<uint32_t>(prep), current, autoinc,
                                                     fetch, update.get());
      err < 0) {
    return err;
  }
  // Without a lock (JET_prepReplaceNoLock, or JET_prepReplace outside a
  // transaction, as in ESE) JetUpdate checks the record did not change.
  std::optional<std::vector<uint8_t>> unlocked;
  if (prep == JET_prepReplaceNoLock || (prep == JET_prepReplace && !session.txn.active())) {
    unlocked = current;
  }
  c.SetUpdate(std::move(update), prep == JET_prepInsertCopy ? std::vector<uint8_t>() : pk,
              std::move(unlocked));
  return JET_errSuccess;
}

JET_ERR Update(Session& session, TableCursor& c, void* bookmark, unsigned long cb_bookmark,
               unsigned long* actual) {
  jet::RecordUpdate* update = c.update();
  if (update == nullptr) return JET_errUpdateNotPrepared;
  TableWriter writer = WriterFor(session, c);
  if (const JET_ERR err = writer.Open(); err < 0) return err;
  const bool insert = update->kind() != jet::UpdateKind::kReplace;
  std::vector<uint8_t> pk = insert ? std::vector<uint8_t>() : c.update_primary_key();
  const JET_ERR err = jet::RunInTransaction(session, [&]() -> JET_ERR {
    jet::UpdateResult result;
    if (const JET_ERR e = update->Finish([&](jet::LvId* lid) { return writer.NextLid(lid); },
                                         &result);
        e < 0) {
      return e;
    }
    if (insert) return writer.Insert(result, &pk);
    if (!result.changed) return JET_errSuccess;
    return writer.Replace(pk, result, c.update_unlocked_record());
  });
  if (err < 0) return err;
  c.ClearUpdate();
  if (!insert && c.OnRecord() && c.CurrentPrimaryKey() == pk) {
    if (const JET_ERR rerr = c.ReloadCurrent(); rerr < 0) return rerr;
  }
  if (actual != nullptr) *actual = static_cast<unsigned long>(pk.size());
  if (bookmark != nullptr) {
    if (cb_bookmark < pk.size()) return JET_errBufferTooSmall;
    std::memcpy(bookmark, pk.data(), pk.size());
  }
  return JET_errSuccess;
}

}  // namespace

JET_ERR JET_API JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid, unsigned long prep) {
  return jet::WithSessionTable(sesid, tableid, [&](Session& session, TableCursor& c) {
    return Prepare(session, c, prep);
  });
}

JET_ERR JET_API JetSetColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                             const void* pvData, unsigned long cbData, JET_GRBIT grbit,
                             JET_SETINFO* psetinfo) {
  return jet::WithTable(sesid, tableid, [&](TableCursor& c) -> JET_ERR {
    if (c.update() == nullptr) return JET_errUpdateNotPrepared;
    return c.update()->SetColumn(columnid, pvData, cbData, grbit, psetinfo);
  });
}

// Each column's result goes to its err field; the call stops at the first
// error and returns it, else the last warning.
JET_ERR JET_API JetSetColumns(JET_SESID sesid, JET_TABLEID tableid, JET_SETCOLUMN* psetcolumn,
                              unsigned long csetcolumn) {
  return jet::WithTable(sesid, tableid, [&](TableCursor& c) -> JET_ERR {
    if (csetcolumn > 0 && psetcolumn == nullptr) return JET_errInvalidParameter;
    if (c.update() == nullptr) return JET_errUpdateNotPrepared;
    JET_ERR result = JET_errSuccess;
    for (unsigned long i = 0; i < csetcolumn; ++i) {
      JET_SETCOLUMN& sc = psetcolumn[i];
      JET_SETINFO info{sizeof(JET_SETINFO), sc.ibLongValue, sc.itagSequence};
      const JET_ERR err = c.update()->SetColumn(sc.columnid, sc.pvData, sc.cbData, sc.grbit, &info);
      sc.err = static_cast<JET_INT32>(err);
      if (err < 0) return err;
      if (err > 0) result = err;
    }
    return result;
  });
}

JET_ERR JET_API JetUpdate(JET_SESID sesid, JET_TABLEID tableid, void* pvBookmark,
                          unsigned long cbBookmark, unsigned long* pcbActual) {
  return jet::WithSessionTable(sesid, tableid, [&](Session& session, TableCursor& c) {
    return Update(session, c, pvBookmark, cbBookmark, pcbActual);
  });
}

// grbit (JET_bitUpdateCheckESE97Compatibility) changes nothing here.
JET_ERR JET_API JetUpdate2(JET_SESID sesid, JET_TABLEID tableid, void* pvBookmark,
                           unsigned long cbBookmark, unsigned long* pcbActual, JET_GRBIT /*grbit*/) {
  return jet::WithSessionTable(sesid, tableid, [&](Session& session, TableCursor& c) {
    return Update(session, c, pvBookmark, cbBookmark, pcbActual);
  });
}

JET_ERR JET_API JetDelete(JET_SESID sesid, JET_TABLEID tableid) {
  return jet::WithSessionTable(sesid, tableid, [&](Session& session, TableCursor& c) -> JET_ERR {
    if (c.database().read_only() || c.read_only()) return JET_errPermissionDenied;
    if (session.WritesRefused()) return JET_errTransReadOnly;
    if (!c.OnRecord()) return JET_errNoCurrentRecord;
    if (c.current_deleted()) return JET_errRecordDeleted;
    TableWriter writer = WriterFor(session, c);
    if (const JET_ERR err = writer.Open(); err < 0) return err;
    const std::vector<uint8_t> pk = c.CurrentPrimaryKey();
    const JET_ERR err = jet::RunInTransaction(session, [&] { return writer.Delete(pk); });
    if (err < 0) return err;
    c.MarkCurrentDeleted();
    return JET_errSuccess;
  });
}

// Read and write locks both reserve the record for the transaction (the
// version store has one kind of lock): another transaction's write then
// conflicts.
JET_ERR JET_API JetGetLock(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit) {
  return jet::WithSessionTable(sesid, tableid, [&](Session& session, TableCursor& c) -> JET_ERR {
    if (grbit != JET_bitReadLock && grbit != JET_bitWriteLock) return JET_errInvalidGrbit;
    if (!session.txn.active()) return JET_errNotInTransaction;
    if (grbit == JET_bitWriteLock && (c.database().read_only() || c.read_only())) {
      return JET_errPermissionDenied;
    }
    if (!c.OnRecord()) return JET_errNoCurrentRecord;
    if (c.current_deleted()) return JET_errRecordDeleted;
    TableWriter writer = WriterFor(session, c);
    if (const JET_ERR err = writer.Open(); err < 0) return err;
    return writer.Lock(c.CurrentPrimaryKey());
  });
}
