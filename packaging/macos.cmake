# macOS: Authdesk.app (Info.plist, icon, connectors in Contents/Resources), the Qt frameworks and
# other libraries inside it (macdeployqt), an ad-hoc signature, and a drag-and-drop .dmg.

set_target_properties(authdesk PROPERTIES
    OUTPUT_NAME ${AUTHDESK_BUNDLE_NAME}
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/macos/Info.plist)
set(AUTHDESK_MACOS_MINIMUM 11.0)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in ${CMAKE_CURRENT_BINARY_DIR}/macos/Info.plist @ONLY)
install(FILES ${AUTHDESK_ICON_DIR}/${AUTHDESK_APP_ID}.icns
    DESTINATION ${AUTHDESK_BUNDLE_NAME}.app/Contents/Resources
    RENAME ${AUTHDESK_BUNDLE_NAME}.icns)

# Look in Qt's own bin folder first, as Qt's deploy support does, never at a random macdeployqt.
find_program(AUTHDESK_MACDEPLOYQT macdeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/macos/deploy.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/macos/deploy.cmake @ONLY)
install(SCRIPT ${CMAKE_CURRENT_BINARY_DIR}/macos/deploy.cmake)

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME Authdesk)
set(CPACK_DMG_FORMAT UDZO)
# No licence agreement dialog in the image: hdiutil's resource tools for it are gone from recent macOS.
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
set(CPACK_PACKAGE_FILE_NAME "Authdesk-${PROJECT_VERSION}-macos-${CMAKE_SYSTEM_PROCESSOR}")
