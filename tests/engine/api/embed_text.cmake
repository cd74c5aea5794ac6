# cmake -DINPUT=<file> -DOUTPUT=<file.inc> -P embed_text.cmake
#
# Writes INPUT's text as a C++ raw string literal, so a test can inspect a
# source file without reading it at run time (the Windows leg runs tests under
# wine, where the Linux build path is not reliably reachable).
file(READ "${INPUT}" text)
set(delimiter "jetsvc_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter ${delimiter}")
endif()
file(WRITE "${OUTPUT}" "R\"${delimiter}(${text})${delimiter}\"\n")
