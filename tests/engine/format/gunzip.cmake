# cmake -DGZIP=... -DSRC=file.gz -DDST=file -P gunzip.cmake
# Decompresses one gzip file at build time (execute_process redirects the
# output without needing a shell, so it works from any generator).
get_filename_component(dst_dir "${DST}" DIRECTORY)
file(MAKE_DIRECTORY "${dst_dir}")
execute_process(COMMAND "${GZIP}" -dc "${SRC}"
                OUTPUT_FILE "${DST}.tmp"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${DST}.tmp")
  message(FATAL_ERROR "gzip -dc ${SRC} failed: ${rc}")
endif()
file(RENAME "${DST}.tmp" "${DST}")
