; Inno Setup 6 script: a per-user Cairn installer that needs no administrator rights.
;
; Built by installers\build.py on Windows when Inno Setup is installed, or by hand:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installers\windows\cairn.iss
; after `python installers\build.py --no-archive` has made dist\cairn\.
;
; Installs into %LOCALAPPDATA%\Programs\Cairn with a Start-menu entry. Cairn's data lives
; elsewhere, in %LOCALAPPDATA%\Cairn (store, backups, logs), and the uninstaller only removes
; the files it installed, so uninstalling or upgrading never touches a facilitator's notes.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z cairn.iss (installers\build.py does this)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\cairn"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; The AppId identifies Cairn to Windows across versions: never change it.
AppId={{74CE0BD7-A17C-4C1C-A790-91EEA714AB19}
AppName=Cairn
AppVersion={#AppVersion}
AppVerName=Cairn {#AppVersion}
AppPublisher=The Cairn project
AppComments=Plan, capture and make sense of sensemaking workshops
DefaultDirName={autopf}\Cairn
DefaultGroupName=Cairn
DisableProgramGroupPage=yes
; Per-user: {autopf} is %LOCALAPPDATA%\Programs and {autoprograms} the user's Start menu.
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=cairn-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\cairn.ico
UninstallDisplayIcon={app}\cairn-gui.exe
UninstallDisplayName=Cairn
; Closes a running Cairn (its notes are already saved) so an upgrade can replace its files.
CloseApplications=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's libraries wholesale, so nothing from an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Cairn"; Filename: "{app}\cairn-gui.exe"; Comment: "Plan, capture and make sense of sensemaking workshops"
Name: "{autodesktop}\Cairn"; Filename: "{app}\cairn-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\cairn-gui.exe"; Description: "{cm:LaunchProgram,Cairn}"; Flags: nowait postinstall skipifsilent

; There is deliberately no [UninstallDelete] section: user data is never removed.
